package uk.clubreg.messaging;

import java.time.Clock;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.http.Endpoint;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;
import uk.clubreg.outbox.Outbox;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.parents.ParentRepository;
import uk.clubreg.persistence.Transactions;
import uk.clubreg.players.PlayerRepository;

/**
 * The messaging capability: sending to parents and to the club's staff (once per key, in or out of the 24-hour window),
 * Twilio's delivery callbacks, and the send jobs. The provider comes in as a {@link WhatsAppGateway} and a
 * {@link SignatureVerifier}; the composition root builds this once.
 */
public final class Messaging {

    private final SignedForm signedForm;
    private final OutboundMessages outbound;
    private final ConversationReplies replies;
    private final Recipients recipients;
    private final Templates templates;
    private final StatusCallbacks statusCallbacks;
    private final StaffNotices staffNotices;
    private final SignInCodes signInCodes;

    public Messaging(Config config, Clock clock, Transactions transactions, ParentRepository parents,
                     PlayerRepository players, ConversationRepository conversations, Outbox outbox,
                     OutboxRelay relay, WhatsAppGateway gateway, SignatureVerifier signatures) {
        this.signedForm = new SignedForm(config, signatures);
        this.recipients = new Recipients(conversations, players);
        DeliveryStatuses statuses = new DeliveryStatuses(conversations, parents, transactions, outbox, relay);
        this.outbound = new OutboundMessages(conversations, parents, transactions, gateway, statuses);
        this.templates = new Templates(config);
        this.replies = new ConversationReplies(recipients, outbound, templates, config.require(Setting.CLUB_NAME),
                clock);
        this.statusCallbacks = new StatusCallbacks(signedForm, statuses);
        this.staffNotices = new StaffNotices(config, outbound, conversations, templates, clock);
        this.signInCodes = new SignInCodes(outbound, templates, config.require(Setting.CLUB_NAME));
    }

    /** Console sign-in codes to team managers and club admins. */
    public SignInCodes signInCodes() {
        return signInCodes;
    }

    /** What the assistant and the inbox reply through. */
    public WhatsAppReplies replies() {
        return replies;
    }

    /** Notices to team managers and club admins. */
    public StaffNotices staffNotices() {
        return staffNotices;
    }

    /** Reads Twilio's webhook forms, only when signed for our public URL. */
    public SignedForm signedForm() {
        return signedForm;
    }

    /** POST /status. */
    public Endpoint statusCallbacks() {
        return statusCallbacks;
    }

    /** send_invitation. */
    public JobHandler<Job.SendInvitation> invitationJob() {
        return new InvitationJob(recipients, outbound, templates);
    }

    /** resend_as_template. */
    public JobHandler<Job.ResendAsTemplate> resendJob() {
        return new TemplateResendJob(recipients, outbound, replies);
    }
}
