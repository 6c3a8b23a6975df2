package uk.clubreg.messaging.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.clubreg.config.Config;
import uk.clubreg.testsupport.TestClock;

class TwilioSignatureVerifierTest {

    // Twilio's documented example ("Validating requests", also twilio-java's RequestValidatorTest): a public test
    // vector, not a credential.
    private static final String EXAMPLE_TOKEN = "12345";
    private static final String EXAMPLE_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";
    private static final String EXAMPLE_SIGNATURE = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

    private final TwilioSignatureVerifier verifier = new TwilioSignatureVerifier(() -> List.of(EXAMPLE_TOKEN), () -> false);

    @Test
    void twiliosDocumentedExampleRequestIsAccepted() {
        assertThat(verifier.isValid(EXAMPLE_URL, exampleParams(), EXAMPLE_SIGNATURE)).isTrue();
    }

    @Test
    void theDocumentedExampleWithOneValueChangedIsRefused() {
        Map<String, String> tampered = exampleParams();
        tampered.put("Digits", "1235");

        assertThat(verifier.isValid(EXAMPLE_URL, tampered, EXAMPLE_SIGNATURE)).isFalse();
    }

    @Test
    void theDocumentedExampleSignedForAnotherUrlIsRefused() {
        assertThat(verifier.isValid("https://mycompany.com/other.php?foo=1&bar=2", exampleParams(), EXAMPLE_SIGNATURE))
                .isFalse();
    }

    @Test
    void theDocumentedExampleCheckedWithAnotherTokenIsRefused() {
        TwilioSignatureVerifier otherAccount = new TwilioSignatureVerifier(() -> List.of("54321"), () -> false);

        assertThat(otherAccount.isValid(EXAMPLE_URL, exampleParams(), EXAMPLE_SIGNATURE)).isFalse();
    }

    @Test
    void duringARotationASignatureMadeWithThePreviousTokenIsAccepted() {
        Config config = Config.fromEnvironment(Map.of("TWILIO_AUTH_TOKEN", "54321",
                "TWILIO_AUTH_TOKEN_PREVIOUS", EXAMPLE_TOKEN));

        assertThat(TwilioSignatureVerifier.fromConfig(config).isValid(EXAMPLE_URL, exampleParams(), EXAMPLE_SIGNATURE))
                .isTrue();
    }

    @Test
    void aTokenRotatedBeforeOurCachedCopyExpiredIsReadAgainOnAMismatch() {
        Map<String, String> secret = new HashMap<>(Map.of("arn:twilio#TWILIO_AUTH_TOKEN", "54321"));
        TestClock clock = new TestClock(Instant.parse("2026-09-01T10:00:00Z"));
        Config config = new Config(Map.of("TWILIO_AUTH_TOKEN_SECRET_ARN", "arn:twilio"), secret::get,
                name -> null, clock);
        TwilioSignatureVerifier rotating = TwilioSignatureVerifier.fromConfig(config);
        assertThat(rotating.isValid(EXAMPLE_URL, exampleParams(), EXAMPLE_SIGNATURE)).isFalse();

        secret.put("arn:twilio#TWILIO_AUTH_TOKEN", EXAMPLE_TOKEN);
        clock.advance(Duration.ofSeconds(11));

        assertThat(rotating.isValid(EXAMPLE_URL, exampleParams(), EXAMPLE_SIGNATURE)).isTrue();
    }

    private static Map<String, String> exampleParams() {
        Map<String, String> params = new HashMap<>();
        params.put("Digits", "1234");
        params.put("CallSid", "CA1234567890ABCDE");
        params.put("To", "+18005551212");
        params.put("Caller", "+14158675309");
        params.put("From", "+14158675309");
        return params;
    }
}
