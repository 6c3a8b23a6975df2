package uk.clubreg.app;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import uk.clubreg.assistant.AiConversations;
import uk.clubreg.assistant.Assistant;
import uk.clubreg.assistant.ResponderFactory;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;
import uk.clubreg.jobs.JobQueue;
import uk.clubreg.jobs.sqs.SqsJobQueue;
import uk.clubreg.messaging.MessageRecords;
import uk.clubreg.messaging.SignatureVerifier;
import uk.clubreg.messaging.WhatsAppGateway;
import uk.clubreg.messaging.twilio.TwilioMessageRecords;
import uk.clubreg.messaging.twilio.TwilioSignatureVerifier;
import uk.clubreg.messaging.twilio.TwilioWhatsAppGateway;
import uk.clubreg.persistence.Database;
import uk.clubreg.photos.FolderPhotoStore;
import uk.clubreg.photos.InboundMedia;
import uk.clubreg.photos.PhotoStore;
import uk.clubreg.photos.s3.S3PhotoStore;
import uk.clubreg.photos.twilio.TwilioMedia;

/**
 * What the system talks to: the database, the job queue (none: jobs run inline), WhatsApp and its message records,
 * the responder that answers parents, the AI's stored conversations (only the worker can delete them), where the
 * players' photos are kept and where parents' media are fetched from, and the clock. The Lambda roots and the local stack choose them; tests swap single ones.
 */
public record Adapters(Database database, Optional<JobQueue> queue, WhatsAppGateway whatsApp,
                       SignatureVerifier signatures, MessageRecords messageRecords, ResponderFactory responder,
                       AiConversations aiConversations, PhotoStore photoStore, InboundMedia media, Clock clock) {

    /**
     * The production adapters: Twilio for WhatsApp, its records and the parents' media, SQS when QUEUE_URL is set
     * (jobs inline otherwise), the guided dialogue, no AI conversations, the photos in S3 when PHOTO_BUCKET is set
     * (a folder under LOCAL_DATA_DIR otherwise), the system clock. Nothing is called until first use.
     */
    public static Adapters fromConfig(Config config, Database database) {
        Optional<JobQueue> queue = config.get(Setting.QUEUE_URL).map(url -> new SqsJobQueue(
                SqsJobQueue.client(config.get(Setting.SQS_ENDPOINT).orElse(null)), url));
        return new Adapters(database, queue, TwilioWhatsAppGateway.fromConfig(config),
                TwilioSignatureVerifier.fromConfig(config), TwilioMessageRecords.fromConfig(config), Assistant.guided(),
                AiConversations.UNAVAILABLE, photoStore(config), TwilioMedia.fromConfig(config), Clock.systemUTC());
    }

    private static PhotoStore photoStore(Config config) {
        return config.get(Setting.PHOTO_BUCKET).<PhotoStore>map(S3PhotoStore::inRegion)
                .orElseGet(() -> new FolderPhotoStore(Path.of(config.require(Setting.LOCAL_DATA_DIR), "photos")));
    }

    public Adapters withQueue(JobQueue jobQueue) {
        return new Adapters(database, Optional.of(jobQueue), whatsApp, signatures, messageRecords, responder,
                aiConversations, photoStore, media, clock);
    }

    /** No queue: jobs run inline, in the caller's thread. */
    public Adapters withoutQueue() {
        return new Adapters(database, Optional.empty(), whatsApp, signatures, messageRecords, responder,
                aiConversations, photoStore, media, clock);
    }

    public Adapters withResponder(ResponderFactory responderFactory) {
        return new Adapters(database, queue, whatsApp, signatures, messageRecords, responderFactory,
                aiConversations, photoStore, media, clock);
    }

    public Adapters withClock(Clock fixedClock) {
        return new Adapters(database, queue, whatsApp, signatures, messageRecords, responder, aiConversations,
                photoStore, media, fixedClock);
    }

    /** The worker's OpenAI client, which deletes erased parents' AI conversations. */
    public Adapters withAiConversations(AiConversations conversations) {
        return new Adapters(database, queue, whatsApp, signatures, messageRecords, responder, conversations,
                photoStore, media, clock);
    }

    /** The photos kept in {@code store}, the parents' media fetched from {@code inboundMedia} (tests, the local stack). */
    public Adapters withPhotos(PhotoStore store, InboundMedia inboundMedia) {
        return new Adapters(database, queue, whatsApp, signatures, messageRecords, responder, aiConversations, store,
                inboundMedia, clock);
    }
}
