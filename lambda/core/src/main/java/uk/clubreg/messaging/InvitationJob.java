package uk.clubreg.messaging;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;
import uk.clubreg.players.InvitedPlayer;

/**
 * send_invitation: the invitation template to the parent; for a re-invitation of the same player (round 1, 2, …)
 * the existing-registration template (docs/decisions/0061-existing-registration-only-for-a-reinvitation.md). Sent
 * once per invitation and round, whatever the retries.
 */
final class InvitationJob implements JobHandler<Job.SendInvitation> {

    private static final Logger LOG = LoggerFactory.getLogger(InvitationJob.class);

    private final Recipients recipients;
    private final OutboundMessages outbound;
    private final Templates templates;

    InvitationJob(Recipients recipients, OutboundMessages outbound, Templates templates) {
        this.recipients = recipients;
        this.outbound = outbound;
        this.templates = templates;
    }

    @Override
    public void handle(Job.SendInvitation job) {
        long invitationId = job.invitationId();
        recipients.invitation(invitationId).ifPresentOrElse(invited -> outbound.send(Outgoing.to(
                        job.deduplicationId(), invited.player().conversationId(), invited.parent().id(),
                        template(invited, job.round() > 0))),
                () -> LOG.atError().addKeyValue("invitation_id", invitationId).log("No such invitation; nothing sent"));
    }

    private OutboundMessage template(InvitedPlayer invited, boolean reinvitation) {
        return OutboundMessage.template(invited.parent().phone(), templates.invitation(reinvitation, invited.parent().language()),
                TemplateVariables.of(invited.parent(), Optional.of(invited.player())).asContentVariables());
    }
}
