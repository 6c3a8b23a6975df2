package uk.clubreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.assistant.EchoResponder;
import uk.clubreg.http.FormBody;
import uk.clubreg.messaging.MessagingHarness;
import uk.clubreg.messaging.twilio.TwilioSignatures;
import uk.clubreg.testsupport.TestQueue;
import uk.clubreg.testsupport.TestSystems;

/** POST /webhook and POST /status through the API function, from API Gateway event fixtures (testing/payloads). */
class TwilioRoutesIT {

    private static final String MESSAGE_SID = "SM5f6e0c1d2b3a49586778695a4b3c2d1e";
    private static final String PARENT = "+447700900123";

    private final MessagingHarness harness = new MessagingHarness();
    private final TestQueue queue = TestQueue.start();
    private final ApiHandler api = new ApiHandler(
            TestSystems.withQueue(harness.config(), harness.database, queue.jobQueue(), harness.clock));

    @AfterEach
    void stop() {
        queue.close();
        harness.close();
    }

    @Test
    void aSignedBase64EncodedWebhookIsStoredWithItsUtf8TextAndQueued() {
        invitedParent();

        APIGatewayProxyResponseEvent response = api.handleRequest(signed("payloads/apigw-twilio-webhook.json", "/webhook"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "text/xml")
                .containsEntry("X-Request-Id", "c0ffee00-0000-4000-8000-000000000001");
        assertThat(response.getBody()).isEqualTo("<Response/>");
        assertThat(harness.queryString("SELECT body FROM messages WHERE twilio_sid = ?", MESSAGE_SID))
                .isEqualTo("Yes please, Seb’s keen to play again 👍");
        assertThat(queue.drain()).hasSize(1);
    }

    @Test
    void aReplayedWebhookIsANoOp() {
        invitedParent();
        APIGatewayProxyRequestEvent delivery = signed("payloads/apigw-twilio-webhook.json", "/webhook");

        api.handleRequest(delivery, null);
        APIGatewayProxyResponseEvent replay = api.handleRequest(delivery, null);

        assertThat(replay.getStatusCode()).isEqualTo(200);
        assertThat(harness.count("SELECT count(*) FROM messages")).isEqualTo(1);
        assertThat(queue.drain()).hasSize(1);
    }

    @Test
    void aWebhookWithABadSignatureIsForbiddenAndStoresNothing() {
        invitedParent();
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent("payloads/apigw-twilio-webhook.json");
        event.getHeaders().put("X-Twilio-Signature", "bm90IGEgdmFsaWQgc2lnbmF0dXJlIQ==");

        APIGatewayProxyResponseEvent response = api.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(403);
        assertThat(response.getBody()).contains("invalid_signature");
        assertThat(harness.count("SELECT count(*) FROM messages")).isZero();
    }

    @Test
    void aSignedStatusCallbackUpdatesTheMessage() {
        long parent = invitedParent();
        harness.execute("""
                INSERT INTO messages (parent_id, phone_e164, direction, kind, body, twilio_sid, idempotency_key, status)
                VALUES (?, ?, 'outbound', 'freeform', 'Thanks', 'SM0123456789abcdef0123456789abcdef', 'reply:1', 'sent')""",
                parent, PARENT);

        APIGatewayProxyResponseEvent response = api.handleRequest(signed("payloads/apigw-twilio-status.json", "/status"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(harness.queryString("SELECT status FROM messages WHERE idempotency_key = 'reply:1'"))
                .isEqualTo("delivered");
    }

    @Test
    void withoutAQueueTheWebhookIsWorkedInlineThroughTheSameJobHandlers() {
        invitedParent();
        ApiHandler inlineApi = new ApiHandler(TestSystems.inline(
                harness.config(Map.of()), harness.database, Clock.systemUTC(),
                context -> new EchoResponder()));

        APIGatewayProxyResponseEvent response = inlineApi.handleRequest(signed("payloads/apigw-twilio-webhook.json", "/webhook"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(harness.twilio.sentForms()).singleElement().extracting(form -> form.get("Body"))
                .isEqualTo("You said: Yes please, Seb’s keen to play again 👍");
        assertThat(harness.count("SELECT count(*) FROM outbox WHERE published_at IS NULL")).isZero();
    }

    private long invitedParent() {
        long parent = harness.parent(PARENT, "Sam");
        long conversation = harness.conversation(parent, null);
        harness.invitation(harness.player(parent, conversation, "Seb"), "new");
        return parent;
    }

    /** The fixture, signed as Twilio would sign it for our public URL and the test account's token. */
    private static APIGatewayProxyRequestEvent signed(String fixture, String path) {
        APIGatewayProxyRequestEvent event = EventLoader.loadApiGatewayRestEvent(fixture);
        String form = new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put("X-Twilio-Signature", TwilioSignatures.sign(MessagingHarness.AUTH_TOKEN,
                MessagingHarness.PUBLIC_BASE_URL + path, FormBody.parse(form)));
        return event.withHeaders(headers);
    }
}
