package uk.clubreg.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.assistant.Assistant;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.messaging.MessagingHarness;
import uk.clubreg.persistence.Database;
import uk.clubreg.testsupport.TestSystems;

/**
 * Junk posted to Twilio's keyless callbacks costs no database work: the signature is checked first
 * (docs/decisions/0125-twilio-routes-throttled-apart.md). The system here has a database that cannot be reached, so
 * any query would turn the answer into a 503.
 */
class SignatureBeforeDatabaseIT {

    private final MessagingHarness harness = new MessagingHarness();
    private final Database unreachable = Database.connect("jdbc:postgresql://127.0.0.1:1/registration", 1);
    private final RegistrationSystem system = TestSystems.inline(harness.config(), unreachable, harness.clock,
            Assistant.guided());

    @AfterEach
    void close() {
        unreachable.close();
        harness.close();
    }

    @Test
    void unsignedAndWronglySignedCallbacksAreRefusedWithoutTheDatabase() {
        Map<String, String> message = MessagingHarness.incoming("SMjunk1", "+447700900301", "hello");
        Map<String, String> status = Map.of("MessageSid", "SMjunk2", "MessageStatus", "delivered");

        assertThat(dispatch(MessagingHarness.post("/webhook", message, null)).status()).isEqualTo(403);
        assertThat(dispatch(MessagingHarness.post("/webhook", message, "bm90IGEgc2lnbmF0dXJl")).status())
                .isEqualTo(403);
        assertThat(dispatch(MessagingHarness.post("/status", status, null)).status()).isEqualTo(403);
        assertThat(dispatch(MessagingHarness.post("/status", status, "bm90IGEgc2lnbmF0dXJl")).status())
                .isEqualTo(403);
    }

    @Test
    void aSignedMessageDoesReachTheDatabaseSoTheRefusalsAboveSkippedIt() {
        HttpResponse response = dispatch(harness.signedPost("/webhook",
                MessagingHarness.incoming("SMreal1", "+447700900302", "hello")));

        assertThat(response.status()).isEqualTo(503);
    }

    private HttpResponse dispatch(HttpRequest request) {
        return system.router().dispatch(request);
    }
}
