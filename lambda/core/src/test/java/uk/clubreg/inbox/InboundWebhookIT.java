package uk.clubreg.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import uk.clubreg.http.Endpoint;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobCodec;
import uk.clubreg.messaging.MessagingHarness;
import uk.clubreg.messaging.twilio.TwilioSignatures;
import uk.clubreg.testsupport.LogCapture;
import uk.clubreg.testsupport.TestQueue;

class InboundWebhookIT {

    private static final String PARENT = "+447700900123";
    private static final String SID = "SM00000000000000000000000000000001";

    private final MessagingHarness harness = new MessagingHarness();
    private final TestQueue queue = TestQueue.start();
    private final Endpoint webhook = harness.inbox(harness.messaging(), conversationId -> { }, queue.jobQueue())
            .webhook();

    @AfterEach
    void stop() {
        queue.close();
        harness.close();
    }

    @Test
    void aSignedMessageIsStoredAndAnsweredWithEmptyTwiml() {
        knownParent();

        HttpResponse response = webhook.handle(harness.signedPost("/webhook", MessagingHarness.incoming(SID, PARENT, "Yes please")));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers()).containsEntry("Content-Type", "text/xml");
        assertThat(response.body()).isEqualTo("<Response/>");
        assertThat(harness.queryString("SELECT direction || '/' || kind || '/' || status || '/' || body FROM messages"
                + " WHERE twilio_sid = ?", SID)).isEqualTo("inbound/text/received/Yes please");
    }

    @Test
    void aSignedMessageIsQueuedForItsParentInOrderAndOnceByMessageSid() {
        long conversation = knownParent();

        webhook.handle(harness.signedPost("/webhook", MessagingHarness.incoming(SID, PARENT, "Yes please")));

        List<Message> queued = queue.drain();
        assertThat(queued).singleElement().satisfies(message -> {
            assertThat(message.attributesAsStrings())
                    .containsEntry("MessageGroupId", PARENT)
                    .containsEntry("MessageDeduplicationId", SID);
            Job job = JobCodec.read(message.body(), PARENT, SID);
            assertThat(job).isInstanceOfSatisfying(Job.InboundMessage.class, inbound -> {
                assertThat(inbound.conversationId()).isEqualTo(conversation);
                assertThat(inbound.messageId()).isEqualTo(messageId(SID));
            });
        });
    }

    @Test
    void twilioRedeliveringTheSameMessageThreeTimesStoresAndQueuesItOnce() {
        knownParent();
        HttpRequest delivery = harness.signedPost("/webhook", MessagingHarness.incoming(SID, PARENT, "Yes please"));

        List<Integer> statuses = List.of(webhook.handle(delivery).status(), webhook.handle(delivery).status(),
                webhook.handle(delivery).status());

        assertThat(statuses).containsOnly(200);
        assertThat(harness.count("SELECT count(*) FROM messages")).isEqualTo(1);
        assertThat(harness.count("SELECT count(*) FROM outbox")).isEqualTo(1);
        assertThat(queue.drain()).hasSize(1);
    }

    @Test
    void theParentsMessageOpensTheTwentyFourHourWindow() {
        long conversation = knownParent();

        webhook.handle(harness.signedPost("/webhook", MessagingHarness.incoming(SID, PARENT, "Hi")));

        assertThat(harness.queryString("SELECT last_inbound_at = ? FROM conversations WHERE id = ?",
                java.sql.Timestamp.from(MessagingHarness.NOW), conversation)).isEqualTo("t");
    }

    @Test
    void aMessageWithoutASignatureIsRefusedAndNothingIsStored() {
        knownParent();

        HttpResponse response = webhook.handle(MessagingHarness.post("/webhook",
                MessagingHarness.incoming(SID, PARENT, "Hi"), null));

        assertThat(response.status()).isEqualTo(403);
        assertNothingStoredOrQueued();
    }

    @Test
    void aMessageWithAWrongSignatureIsRefusedNothingIsStoredAndTheAlarmIsRaised() {
        knownParent();
        Map<String, String> form = MessagingHarness.incoming(SID, PARENT, "Hi");

        try (LogCapture logs = LogCapture.capture()) {
            HttpResponse response = webhook.handle(MessagingHarness.post("/webhook", form,
                    TwilioSignatures.sign("another-accounts-token", MessagingHarness.PUBLIC_BASE_URL + "/webhook", form)));

            assertThat(response.status()).isEqualTo(403);
            assertThat(logs.lines()).anyMatch(line -> line.contains("\"alarm\":\"WebhookSignatureRefused\""));
        }
        assertNothingStoredOrQueued();
    }

    @Test
    void aMessageWhoseBodyWasChangedAfterSigningIsRefused() {
        knownParent();
        Map<String, String> signed = MessagingHarness.incoming(SID, PARENT, "No thanks");
        String signature = TwilioSignatures.sign(MessagingHarness.AUTH_TOKEN,
                MessagingHarness.PUBLIC_BASE_URL + "/webhook", signed);

        HttpResponse response = webhook.handle(MessagingHarness.post("/webhook",
                MessagingHarness.incoming(SID, PARENT, "Yes please"), signature));

        assertThat(response.status()).isEqualTo(403);
        assertNothingStoredOrQueued();
    }

    @Test
    void aMessageSignedForAnotherUrlIsRefused() {
        knownParent();
        Map<String, String> form = MessagingHarness.incoming(SID, PARENT, "Hi");

        HttpResponse response = webhook.handle(MessagingHarness.post("/webhook", form,
                TwilioSignatures.sign(MessagingHarness.AUTH_TOKEN, "https://attacker.example.com/webhook", form)));

        assertThat(response.status()).isEqualTo(403);
        assertNothingStoredOrQueued();
    }

    @Test
    void theSignatureIsCheckedAgainstTheConfiguredUrlNotTheRequestsHostHeader() {
        knownParent();
        Map<String, String> form = MessagingHarness.incoming(SID, PARENT, "Hi");
        String signedForHeaderHost = TwilioSignatures.sign(MessagingHarness.AUTH_TOKEN, "https://evil.example.com/webhook", form);
        HttpRequest request = MessagingHarness.post("/webhook", form, signedForHeaderHost);
        HttpRequest withForgedHost = new HttpRequest(request.method(), request.path(),
                withHeader(request.headers(), "Host", "evil.example.com"), Map.of(), request.body(), "test");

        assertThat(webhook.handle(withForgedHost).status()).isEqualTo(403);
    }

    @Test
    void mediaIsRecordedWithItsUrlAndContentType() {
        knownParent();
        Map<String, String> form = new java.util.LinkedHashMap<>(MessagingHarness.incoming(SID, PARENT, ""));
        form.put("NumMedia", "1");
        form.put("MediaUrl0", "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1");
        form.put("MediaContentType0", "image/jpeg");

        webhook.handle(harness.signedPost("/webhook", form));

        assertThat(harness.queryString("SELECT kind FROM messages WHERE twilio_sid = ?", SID)).isEqualTo("media");
        assertThat(harness.queryString("SELECT media::text FROM messages WHERE twilio_sid = ?", SID)).isEqualTo(
                "[{\"url\": \"https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1\","
                        + " \"content_type\": \"image/jpeg\"}]");
    }

    @Test
    void aLocationIsStoredAsAnItemWithoutWhereTheParentIs() {
        knownParent();
        Map<String, String> form = new java.util.LinkedHashMap<>(MessagingHarness.incoming(SID, PARENT, ""));
        form.put("MessageType", "location");
        form.put("Latitude", "53.4484");
        form.put("Longitude", "-2.3541");

        webhook.handle(harness.signedPost("/webhook", form));

        assertThat(harness.queryString("SELECT kind || ' ' || media::text FROM messages WHERE twilio_sid = ?", SID))
                .isEqualTo("media [{\"content_type\": \"location\"}]");
    }

    @Test
    void aSenderWithNoInvitationIsStoredWithoutAParentAndQueued() {
        webhook.handle(harness.signedPost("/webhook", MessagingHarness.incoming(SID, "+447700900999", "Hello?")));

        assertThat(harness.queryString("SELECT parent_id IS NULL AND conversation_id IS NULL FROM messages"
                + " WHERE twilio_sid = ?", SID)).isEqualTo("t");
        assertThat(queue.drain()).hasSize(1);
    }

    @Test
    void aSignedPostWithoutMessageSidIsABadRequest() {
        Map<String, String> form = new java.util.LinkedHashMap<>(MessagingHarness.incoming(SID, PARENT, "Hi"));
        form.remove("MessageSid");

        HttpResponse response = webhook.handle(harness.signedPost("/webhook", form));

        assertThat(response.status()).isEqualTo(400);
        assertNothingStoredOrQueued();
    }

    @Test
    void aParentWithoutALiveConversationGetsOneStartedByTheirMessage() {
        long parent = harness.parent(PARENT, "Sam");

        webhook.handle(harness.signedPost("/webhook", MessagingHarness.incoming(SID, PARENT, "Hi")));

        assertThat(harness.queryString("SELECT m.conversation_id = c.id FROM messages m"
                + " JOIN conversations c ON c.parent_id = ? AND c.state = 'active' WHERE m.twilio_sid = ?", parent, SID))
                .isEqualTo("t");
    }

    @Test
    void stopOptsTheParentOutInTheWebhooksOwnTransactionBeforeAnyJobRuns() {
        long conversation = knownParent();

        webhook.handle(harness.signedPost("/webhook", MessagingHarness.incoming(SID, PARENT, "Stop!")));

        assertThat(harness.queryString("SELECT opted_out_at IS NOT NULL FROM parents WHERE phone_e164 = ?", PARENT))
                .isEqualTo("t");
        assertThat(queue.drain()).hasSize(1);
        assertThat(conversation).isPositive();
    }

    @Test
    void startOptsTheParentBackInInTheWebhooksOwnTransaction() {
        knownParent();
        harness.execute("UPDATE parents SET opted_out_at = now() WHERE phone_e164 = ?", PARENT);

        webhook.handle(harness.signedPost("/webhook", MessagingHarness.incoming(SID, PARENT, "START")));

        assertThat(harness.queryString("SELECT opted_out_at IS NULL FROM parents WHERE phone_e164 = ?", PARENT))
                .isEqualTo("t");
    }

    @Test
    void aMessageFromAnOptedOutParentIsStoredAsIgnoredWithNoJob() {
        knownParent();
        harness.execute("UPDATE parents SET opted_out_at = now() WHERE phone_e164 = ?", PARENT);

        HttpResponse response = webhook.handle(harness.signedPost("/webhook",
                MessagingHarness.incoming(SID, PARENT, "What's the fee?")));

        assertThat(response.status()).isEqualTo(200);
        assertThat(harness.queryString("SELECT status FROM messages WHERE twilio_sid = ?", SID)).isEqualTo("ignored");
        assertThat(harness.count("SELECT count(*) FROM outbox")).isZero();
        assertThat(queue.drain()).isEmpty();
    }

    @Test
    void aParentMarkedUnreachableIsReachableAgainOnceTheyWrite() {
        knownParent();
        harness.execute("UPDATE parents SET unreachable_at = now(), unreachable_reason = 'Twilio 63003'"
                + " WHERE phone_e164 = ?", PARENT);

        webhook.handle(harness.signedPost("/webhook", MessagingHarness.incoming(SID, PARENT, "Hi")));

        assertThat(harness.queryString("SELECT (unreachable_at IS NULL AND unreachable_reason IS NULL)::text"
                + " FROM parents WHERE phone_e164 = ?", PARENT)).isEqualTo("true");
    }

    private long knownParent() {
        long parent = harness.parent(PARENT, "Sam");
        return harness.conversation(parent, null);
    }

    private long messageId(String sid) {
        return harness.count("SELECT id FROM messages WHERE twilio_sid = ?", sid);
    }

    private void assertNothingStoredOrQueued() {
        assertThat(harness.count("SELECT count(*) FROM messages")).isZero();
        assertThat(harness.count("SELECT count(*) FROM outbox")).isZero();
        assertThat(queue.drain()).isEmpty();
    }

    private static Map<String, String> withHeader(Map<String, String> headers, String name, String value) {
        Map<String, String> copy = new java.util.HashMap<>(headers);
        copy.put(name, value);
        return copy;
    }
}
