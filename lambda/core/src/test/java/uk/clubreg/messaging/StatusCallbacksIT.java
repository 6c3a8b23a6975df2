package uk.clubreg.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import uk.clubreg.app.Adapters;
import uk.clubreg.config.Config;
import uk.clubreg.conversations.MessageStatus;
import uk.clubreg.conversations.Reply;
import uk.clubreg.http.Endpoint;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobCodec;
import uk.clubreg.messaging.twilio.TwilioSignatures;
import uk.clubreg.testsupport.LogCapture;
import uk.clubreg.testsupport.TestQueue;

class StatusCallbacksIT {

    private static final String PARENT = "+447700900123";
    private static final String SID = "SM00000000000000000000000000000099";

    private final MessagingHarness harness = new MessagingHarness();
    private final TestQueue queue = TestQueue.start();
    private final Messaging messaging = harness.messaging(harness.config(), queue.jobQueue());
    private final Endpoint status = messaging.statusCallbacks();

    private long parent;
    private long conversation;

    @AfterEach
    void stop() {
        queue.close();
        harness.close();
    }

    @Test
    void aDeliveryStatusUpdatesTheOutboundMessage() {
        long message = sentMessage("freeform");

        HttpResponse response = status.handle(harness.signedPost("/status", callback("delivered", null)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(harness.queryString("SELECT status FROM messages WHERE id = ?", message)).isEqualTo("delivered");
    }

    @Test
    void aLateSentCallbackDoesNotUndoDeliveredOrRead() {
        long message = sentMessage("freeform");

        status.handle(harness.signedPost("/status", callback("read", null)));
        status.handle(harness.signedPost("/status", callback("sent", null)));

        assertThat(harness.queryString("SELECT status FROM messages WHERE id = ?", message)).isEqualTo("read");
    }

    @Test
    void aFailureRecordsTwiliosErrorCode() {
        long message = sentMessage("template");

        status.handle(harness.signedPost("/status", callback("undelivered", "30008")));

        assertThat(harness.queryString("SELECT status || '/' || error_code FROM messages WHERE id = ?", message))
                .isEqualTo("undelivered/30008");
    }

    @Test
    void aFreeFormMessageRefusedOutsideTheWindowIsQueuedOnceToBeSentAgainAsTheTemplate() {
        long message = sentMessage("freeform");

        status.handle(harness.signedPost("/status", callback("failed", "63016")));
        status.handle(harness.signedPost("/status", callback("failed", "63016")));

        List<Message> queued = queue.drain();
        assertThat(queued).singleElement().satisfies(m -> {
            Job job = JobCodec.read(m.body(), PARENT, "d");
            assertThat(job).isInstanceOfSatisfying(Job.ResendAsTemplate.class,
                    resend -> assertThat(resend.messageId()).isEqualTo(message));
            assertThat(m.attributesAsStrings()).containsEntry("MessageGroupId", PARENT);
        });
    }

    @Test
    void theResendJobSendsTheFollowUpTemplateOnceLinkedToTheRefusedMessage() {
        long message = sentMessage("freeform");
        status.handle(harness.signedPost("/status", callback("failed", "63016")));
        Job.ResendAsTemplate resend = (Job.ResendAsTemplate) JobCodec.read(queue.drain().getFirst().body(), PARENT,
                "resend:" + message);

        messaging.resendJob().handle(resend);
        messaging.resendJob().handle(resend);

        assertThat(harness.twilio.sentForms()).singleElement().satisfies(form -> {
            assertThat(form).containsEntry("ContentSid", MessagingHarness.FOLLOW_UP_SID).doesNotContainKey("Body");
            assertThat(form.get("ContentVariables")).startsWith("{\"1\":\"Sam\",\"2\":\"Seb\"");
        });
        assertThat(harness.count("SELECT retry_of_message_id FROM messages WHERE idempotency_key = ?",
                "resend:" + message)).isEqualTo(message);
    }

    @Test
    void aTemplateRefusedWith63016IsNotSentAgain() {
        sentMessage("template");

        status.handle(harness.signedPost("/status", callback("failed", "63016")));

        assertThat(queue.drain()).isEmpty();
    }

    @Test
    void aParentNotOnWhatsAppIsMarkedUnreachableForTheManagerToPhone() {
        sentMessage("template");

        status.handle(harness.signedPost("/status", callback("failed", "63024")));

        assertThat(harness.queryString("SELECT unreachable_at IS NOT NULL FROM parents WHERE id = ?", parent))
                .isEqualTo("t");
        assertThat(harness.queryString("SELECT unreachable_reason FROM parents WHERE id = ?", parent))
                .contains("63024").contains("phone");
    }

    @Test
    void anUndeliveredMessageRaisesItsAlarmWithTheErrorCodeUnlessItIsResentAsATemplate() {
        sentMessage("freeform");

        try (LogCapture logs = LogCapture.capture()) {
            status.handle(harness.signedPost("/status", callback("failed", "63016")));
            status.handle(harness.signedPost("/status", callback("undelivered", "63024")));

            assertThat(logs.lines()).filteredOn(line -> line.contains("\"alarm\":\"MessagesRefused\""))
                    .singleElement().asString().contains("\"error_code\":63024");
        }
    }

    @Test
    void aChannelThatCannotFindTheParentAlsoMarksThemUnreachable() {
        sentMessage("freeform");

        status.handle(harness.signedPost("/status", callback("undelivered", "63003")));

        assertThat(harness.queryString("SELECT unreachable_reason FROM parents WHERE id = ?", parent)).contains("63003");
    }

    @Test
    void anUnsignedStatusCallbackIsRefusedAndChangesNothing() {
        long message = sentMessage("freeform");

        HttpResponse response = status.handle(MessagingHarness.post("/status", callback("delivered", null), null));

        assertThat(response.status()).isEqualTo(403);
        assertThat(harness.queryString("SELECT status FROM messages WHERE id = ?", message)).isEqualTo("sent");
    }

    @Test
    void aStatusCallbackSignedForTheWebhookUrlIsRefused() {
        long message = sentMessage("freeform");
        Map<String, String> form = callback("delivered", null);

        HttpResponse response = status.handle(MessagingHarness.post("/status", form,
                TwilioSignatures.sign(MessagingHarness.AUTH_TOKEN, MessagingHarness.PUBLIC_BASE_URL + "/webhook", form)));

        assertThat(response.status()).isEqualTo(403);
        assertThat(harness.queryString("SELECT status FROM messages WHERE id = ?", message)).isEqualTo("sent");
    }

    @Test
    void aStatusForAMessageWeDidNotSendIsAcknowledgedAndIgnored() {
        HttpResponse response = status.handle(harness.signedPost("/status", callback("delivered", null)));

        assertThat(response.status()).isEqualTo(200);
        assertThat(harness.count("SELECT count(*) FROM messages")).isZero();
    }

    /** An outbound message Twilio accepted (status sent), to a parent with a player and a conversation. */
    @Test
    void aStatusThatArrivesBeforeTheSendHasSavedItsSidIsAppliedOnceItIsSaved() {
        parent = harness.parent(PARENT, "Sam");
        conversation = harness.conversation(parent, MessagingHarness.NOW.minusSeconds(60));
        AtomicReference<Endpoint> statusRoute = new AtomicReference<>();
        WhatsAppGateway racing = message -> {
            // Twilio's callback for the new message beats Twilio's own answer to the send.
            statusRoute.get().handle(harness.signedPost("/status", callback("undelivered", "63024")));
            return new WhatsAppGateway.Accepted(SID, MessageStatus.QUEUED);
        };
        Config config = harness.config();
        Messaging racingMessaging = new Messaging(config, harness.clock, harness.database,
                harness.repositories.parents(), harness.repositories.players(), harness.repositories.conversations(),
                harness.repositories.outbox(), harness.repositories.relay(queue.jobQueue()), racing,
                Adapters.fromConfig(config, harness.database).signatures());
        statusRoute.set(racingMessaging.statusCallbacks());

        racingMessaging.replies().reply(conversation, "reply:race", Reply.text("Thanks!"));

        assertThat(harness.queryString("SELECT status || '/' || error_code FROM messages WHERE twilio_sid = ?", SID))
                .isEqualTo("undelivered/63024");
        assertThat(harness.queryString("SELECT unreachable_at IS NOT NULL FROM parents WHERE id = ?", parent))
                .isEqualTo("t");
        assertThat(harness.count("SELECT count(*) FROM early_status_callbacks")).isZero();
    }

    private long sentMessage(String kind) {
        parent = harness.parent(PARENT, "Sam");
        conversation = harness.conversation(parent, null);
        harness.player(parent, conversation, "Seb");
        return harness.insert("""
                INSERT INTO messages (conversation_id, parent_id, phone_e164, direction, kind, body, twilio_sid,
                                      idempotency_key, status)
                VALUES (?, ?, ?, 'outbound', ?, 'Thanks!', ?, 'reply:1', 'sent') RETURNING id""",
                conversation, parent, PARENT, kind, SID);
    }

    private static Map<String, String> callback(String messageStatus, String errorCode) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", SID);
        form.put("SmsSid", SID);
        form.put("AccountSid", TwilioApiStub.ACCOUNT_SID);
        form.put("From", MessagingHarness.FROM);
        form.put("To", "whatsapp:" + PARENT);
        form.put("MessageStatus", messageStatus);
        form.put("SmsStatus", messageStatus);
        form.put("ChannelPrefix", "whatsapp");
        form.put("ApiVersion", "2010-04-01");
        if (errorCode != null) {
            form.put("ErrorCode", errorCode);
        }
        return form;
    }
}
