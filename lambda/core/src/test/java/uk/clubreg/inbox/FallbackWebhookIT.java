package uk.clubreg.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import uk.clubreg.http.Endpoint;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobCodec;
import uk.clubreg.messaging.MessagingHarness;
import uk.clubreg.testsupport.LogCapture;
import uk.clubreg.testsupport.TestQueue;

/**
 * Twilio's Fallback URL (decision 0105): the post is queued as it is, with no database, and the worker stores it as
 * /webhook would have, once per MessageSid, after checking its signature.
 */
class FallbackWebhookIT {

    private static final String PARENT = "+447700900131";
    private static final String SID = "SM00000000000000000000000000000131";

    private final MessagingHarness harness = new MessagingHarness();
    private final TestQueue queue = TestQueue.start();
    private final Inbox inbox = harness.inbox(harness.messaging(), conversationId -> { }, queue.jobQueue());
    private final Endpoint fallback = Inbox.fallbackToQueue(queue.jobQueue());

    @AfterEach
    void stop() {
        queue.close();
        harness.close();
    }

    @Test
    void aFallbackPostIsQueuedAsItIsAndTheWorkerStoresItAsTheWebhookWould() {
        long parent = harness.parent(PARENT, "Sam");
        harness.conversation(parent, null);

        HttpResponse answer = fallback.handle(fallbackPost(SID));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("<Response/>");
        assertThat(harness.count("SELECT count(*) FROM messages")).as("nothing stored yet").isZero();
        Job.FallbackWebhook job = queuedFallback();
        inbox.fallbackWebhookJob().handle(job);

        assertThat(harness.queryString("SELECT direction || '/' || status || '/' || body FROM messages"
                + " WHERE twilio_sid = ?", SID)).isEqualTo("inbound/received/Yes please");
        assertThat(queue.drain()).singleElement().satisfies(message ->
                assertThat(JobCodec.read(message.body(), PARENT, SID)).isInstanceOf(Job.InboundMessage.class));
    }

    @Test
    void aMessageThatReachedBothRoutesIsStoredAndAnsweredOnce() {
        harness.conversation(harness.parent(PARENT, "Sam"), null);
        inbox.webhook().handle(harness.signedPost(Inbox.WEBHOOK, MessagingHarness.incoming(SID, PARENT, "Yes please")));
        assertThat(queue.drain()).as("the webhook's own job").hasSize(1);
        fallback.handle(fallbackPost(SID));

        inbox.fallbackWebhookJob().handle(queuedFallback());

        assertThat(harness.count("SELECT count(*) FROM messages")).isEqualTo(1);
        assertThat(harness.count("SELECT count(*) FROM outbox")).isEqualTo(1);
        assertThat(queue.drain()).isEmpty();
    }

    @Test
    void aPostNotSignedForTheFallbackUrlIsDroppedWithTheSignatureAlarm() {
        harness.conversation(harness.parent(PARENT, "Sam"), null);
        fallback.handle(harness.signedPost(Inbox.WEBHOOK, MessagingHarness.incoming(SID, PARENT, "Yes please")));
        Job.FallbackWebhook forged = queuedFallback();

        try (LogCapture logs = LogCapture.capture()) {
            inbox.fallbackWebhookJob().handle(forged);

            assertThat(logs.lines()).anyMatch(line -> line.contains("\"alarm\":\"WebhookSignatureRefused\""));
        }
        assertThat(harness.count("SELECT count(*) FROM messages")).isZero();
    }

    @Test
    void aPostWithoutTwiliosSignatureIsRefusedAndNotQueued() {
        HttpResponse answer = fallback.handle(MessagingHarness.post(Inbox.WEBHOOK_FALLBACK,
                MessagingHarness.incoming(SID, PARENT, "Yes please"), null));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(queue.drain()).isEmpty();
    }

    @Test
    void whileTheDatabaseIsStillDownTheJobFailsSoTheQueueBringsItBack() {
        fallback.handle(fallbackPost(SID));
        Job.FallbackWebhook job = queuedFallback();
        harness.database.close();

        assertThatThrownBy(() -> inbox.fallbackWebhookJob().handle(job)).isInstanceOf(RuntimeException.class);
    }

    private HttpRequest fallbackPost(String sid) {
        return harness.signedPost(Inbox.WEBHOOK_FALLBACK, MessagingHarness.incoming(sid, PARENT, "Yes please"));
    }

    private Job.FallbackWebhook queuedFallback() {
        return fallbackIn(queue.drain());
    }

    private static Job.FallbackWebhook fallbackIn(List<Message> queued) {
        assertThat(queued).singleElement().satisfies(message -> assertThat(message.attributesAsStrings())
                .containsEntry("MessageGroupId", Job.FallbackWebhook.GROUP));
        Message message = queued.getFirst();
        return (Job.FallbackWebhook) JobCodec.read(message.body(), Job.FallbackWebhook.GROUP,
                message.attributesAsStrings().get("MessageDeduplicationId"));
    }
}
