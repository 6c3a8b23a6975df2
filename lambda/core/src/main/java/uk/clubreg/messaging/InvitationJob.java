package uk.clubreg.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;

/**
 * send_invitation ({@code {"invitation_id": ...}}): the invitation template to the parent, the existing-registration
 * template when the parent already had a live conversation. Sent once per invitation, whatever the retries.
 */
final class InvitationJob implements JobHandler {

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
    public void handle(Job job) {
        long invitationId = requiredId(job, "invitation_id");
        recipients.invitation(invitationId).ifPresentOrElse(invitation -> {
            OutboundMessage template = OutboundMessage.template(invitation.phone(),
                    templates.invitation(invitation.parentAlreadyInConversation()),
                    invitation.variables().asContentVariables());
            outbound.send(Outgoing.to("invitation:" + invitationId, invitation.conversationId(),
                    invitation.parentId(), template));
        }, () -> LOG.atError().addKeyValue("invitation_id", invitationId).log("No such invitation; nothing sent"));
    }

    static long requiredId(Job job, String field) {
        if (!job.payload().path(field).canConvertToLong()) {
            throw new IllegalArgumentException("Job " + job.type().wireName() + " has no " + field);
        }
        return job.payload().path(field).asLong();
    }
}
