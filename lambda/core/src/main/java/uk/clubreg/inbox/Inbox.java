package uk.clubreg.inbox;

import java.time.Clock;
import uk.clubreg.assistant.ConversationEngine;
import uk.clubreg.assistant.ConversationSettings;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.http.Endpoint;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;
import uk.clubreg.jobs.JobQueue;
import uk.clubreg.messaging.Messaging;
import uk.clubreg.messaging.SignedForm;
import uk.clubreg.outbox.Outbox;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.parents.ParentRepository;
import uk.clubreg.persistence.Transactions;

/**
 * A parent's message from the webhook to the reply: stored once with its job (POST /webhook), then worked in
 * order: opt-out keywords applied by the webhook and confirmed by the job, everything else by the conversation
 * engine.
 */
public final class Inbox {

    /** Where Twilio posts a message, and where it posts it when that fails (its Fallback URL). */
    public static final String WEBHOOK = "/webhook";
    public static final String WEBHOOK_FALLBACK = "/webhook-fallback";

    private final InboundWebhook webhook;
    private final InboundMessageJob job;
    private final FallbackWebhookJob fallbackJob;

    public Inbox(Messaging messaging, ConversationEngine engine, ParentRepository parents,
                 ConversationRepository conversations, Transactions transactions, Outbox outbox, OutboxRelay relay,
                 Clock clock, ConversationSettings settings) {
        this.webhook = new InboundWebhook(messaging.signedForm(), WEBHOOK, parents, conversations, transactions, outbox,
                relay, clock);
        this.fallbackJob = new FallbackWebhookJob(new InboundWebhook(messaging.signedForm(), WEBHOOK_FALLBACK, parents,
                conversations, transactions, outbox, relay, clock));
        this.job = new InboundMessageJob(conversations, messaging.replies(), engine, settings);
    }

    /** POST /webhook. */
    public Endpoint webhook() {
        return webhook;
    }

    /**
     * POST /webhook-fallback on the local stack: queues the post as it is, touching no database, as API Gateway's
     * SQS integration does in AWS (infra's RegistrationApi).
     */
    public static Endpoint fallbackToQueue(JobQueue queue) {
        return request -> {
            String signature = request.header("X-Twilio-Signature").orElse("");
            if (signature.isBlank()) {
                return HttpResponse.error(400, "invalid_webhook", "X-Twilio-Signature is required",
                        request.requestId(), null);
            }
            queue.publish(new Job.FallbackWebhook(Job.FallbackWebhook.GROUP, request.requestId(), signature,
                    request.body()));
            return SignedForm.emptyTwiml();
        };
    }

    /** fallback_webhook. */
    public JobHandler<Job.FallbackWebhook> fallbackWebhookJob() {
        return fallbackJob;
    }

    /** inbound_message. */
    public JobHandler<Job.InboundMessage> inboundMessageJob() {
        return job;
    }
}
