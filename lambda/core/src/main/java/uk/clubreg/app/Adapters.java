package uk.clubreg.app;

import java.time.Clock;
import java.util.Optional;
import uk.clubreg.assistant.Assistant;
import uk.clubreg.assistant.ResponderFactory;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;
import uk.clubreg.jobs.JobQueue;
import uk.clubreg.jobs.sqs.SqsJobQueue;
import uk.clubreg.messaging.SignatureVerifier;
import uk.clubreg.messaging.WhatsAppGateway;
import uk.clubreg.messaging.twilio.TwilioSignatureVerifier;
import uk.clubreg.messaging.twilio.TwilioWhatsAppGateway;
import uk.clubreg.persistence.Database;

/**
 * What the system talks to: the database, the job queue (none: jobs run inline), WhatsApp, the responder that
 * answers parents, and the clock. The Lambda roots and the local stack choose them; tests swap single ones.
 */
public record Adapters(Database database, Optional<JobQueue> queue, WhatsAppGateway whatsApp,
                       SignatureVerifier signatures, ResponderFactory responder, Clock clock) {

    /**
     * The production adapters: Twilio for WhatsApp, SQS when QUEUE_URL is set (jobs inline otherwise), the guided
     * dialogue, the system clock. Nothing is called until first use.
     */
    public static Adapters fromConfig(Config config, Database database) {
        Optional<JobQueue> queue = config.get(Setting.QUEUE_URL).map(url -> new SqsJobQueue(
                SqsJobQueue.client(config.get(Setting.SQS_ENDPOINT).orElse(null)), url));
        return new Adapters(database, queue, TwilioWhatsAppGateway.fromConfig(config),
                TwilioSignatureVerifier.fromConfig(config), Assistant.guided(),
                Clock.systemUTC());
    }

    public Adapters withQueue(JobQueue jobQueue) {
        return new Adapters(database, Optional.of(jobQueue), whatsApp, signatures, responder, clock);
    }

    /** No queue: jobs run inline, in the caller's thread. */
    public Adapters withoutQueue() {
        return new Adapters(database, Optional.empty(), whatsApp, signatures, responder, clock);
    }

    public Adapters withResponder(ResponderFactory responderFactory) {
        return new Adapters(database, queue, whatsApp, signatures, responderFactory, clock);
    }

    public Adapters withClock(Clock fixedClock) {
        return new Adapters(database, queue, whatsApp, signatures, responder, fixedClock);
    }
}
