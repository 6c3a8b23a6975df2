package uk.clubreg.inbox;

import java.time.Clock;
import uk.clubreg.assistant.ConversationEngine;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.http.Endpoint;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;
import uk.clubreg.messaging.Messaging;
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

    private final InboundWebhook webhook;
    private final InboundMessageJob job;

    public Inbox(Messaging messaging, ConversationEngine engine, ParentRepository parents,
                 ConversationRepository conversations, Transactions transactions, Outbox outbox, OutboxRelay relay,
                 Clock clock, String clubName) {
        this.webhook = new InboundWebhook(messaging.signedForm(), parents, conversations, transactions, outbox, relay,
                clock);
        this.job = new InboundMessageJob(conversations, messaging.replies(), engine, clubName);
    }

    /** POST /webhook. */
    public Endpoint webhook() {
        return webhook;
    }

    /** inbound_message. */
    public JobHandler<Job.InboundMessage> inboundMessageJob() {
        return job;
    }
}
