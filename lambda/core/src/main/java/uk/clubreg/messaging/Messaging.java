package uk.clubreg.messaging;

import java.time.Clock;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;
import uk.clubreg.conversation.ConversationEngine;
import uk.clubreg.http.Endpoint;
import uk.clubreg.jobs.JobDispatcher;
import uk.clubreg.jobs.JobType;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.persistence.Database;

/**
 * The messaging capability, assembled once per Lambda: the Twilio endpoints for the API function, the send and
 * reply services, and the job handlers for the worker (or for the API itself when no queue is configured).
 * The provider adapters come in from outside (see {@code messaging.twilio.TwilioMessaging}).
 */
public final class Messaging {

    private final Config config;
    private final Database database;
    private final SignedForm signedForm;
    private final Recipients recipients;
    private final OutboundMessages outbound;
    private final Templates templates;
    private final ConversationReplies replies;
    private final Clock clock;

    public Messaging(Config config, Database database, Clock clock, WhatsAppGateway gateway,
                     SignatureVerifier signatures) {
        this.config = config;
        this.database = database;
        this.clock = clock;
        this.signedForm = new SignedForm(config, signatures);
        this.recipients = new Recipients(database);
        this.outbound = new OutboundMessages(database, gateway);
        this.templates = new Templates(config);
        this.replies = new ConversationReplies(recipients, outbound, templates, clock);
    }

    /** What the conversation engine replies through. */
    public WhatsAppReplies replies() {
        return replies;
    }

    /** POST /webhook. */
    public Endpoint inboundWebhook(OutboxRelay relay) {
        return new InboundWebhook(signedForm, database, relay, clock);
    }

    /** POST /status. */
    public Endpoint statusCallbacks(OutboxRelay relay) {
        return new StatusCallbacks(signedForm, database, relay);
    }

    /** Registers send_invitation, inbound_message (answered by {@code engine}) and resend_as_template. */
    public JobDispatcher registerJobs(JobDispatcher jobs, ConversationEngine engine) {
        return jobs
                .on(JobType.SEND_INVITATION, new InvitationJob(recipients, outbound, templates))
                .on(JobType.INBOUND_MESSAGE, new InboundMessageJob(database, recipients, outbound, replies, engine,
                        config.require(Setting.CLUB_NAME)))
                .on(JobType.RESEND_AS_TEMPLATE, new TemplateResendJob(recipients, outbound, replies));
    }
}
