package uk.clubreg.messaging.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.conversations.MessageStatus;
import uk.clubreg.config.Config;
import uk.clubreg.messaging.OutboundMessage;
import uk.clubreg.messaging.SendFailedException;
import uk.clubreg.messaging.TwilioApiStub;
import uk.clubreg.messaging.WhatsAppGateway;
import uk.clubreg.testsupport.LogCapture;
import uk.clubreg.testsupport.TestClock;

class TwilioWhatsAppGatewayTest {

    private static final String PARENT = "+447700900123";

    private final TwilioApiStub twilio = new TwilioApiStub();
    private final WhatsAppGateway gateway = TwilioWhatsAppGateway.fromConfig(Config.fromEnvironment(Map.of(
            "TWILIO_ACCOUNT_SID", TwilioApiStub.ACCOUNT_SID,
            "TWILIO_AUTH_TOKEN", "test-auth-token",
            "TWILIO_WHATSAPP_FROM", "+447700900000",
            "TWILIO_API_BASE_URL", twilio.baseUrl(),
            "PUBLIC_BASE_URL", "https://registrations.example.org/prod/")));

    private Map<String, String> rotatableSettings() {
        return Map.of("TWILIO_ACCOUNT_SID_SECRET_ARN", "arn:twilio", "TWILIO_AUTH_TOKEN_SECRET_ARN", "arn:twilio",
                "TWILIO_WHATSAPP_FROM", "+447700900000", "TWILIO_API_BASE_URL", twilio.baseUrl());
    }

    @AfterEach
    void stop() {
        twilio.close();
    }

    @Test
    void aSettingThatCannotBeReadBeforeTheSendIsRetryableAndNothingReachesTwilio() {
        WhatsAppGateway withoutSender = TwilioWhatsAppGateway.fromConfig(Config.fromEnvironment(Map.of(
                "TWILIO_ACCOUNT_SID", TwilioApiStub.ACCOUNT_SID,
                "TWILIO_AUTH_TOKEN", "test-auth-token",
                "TWILIO_API_BASE_URL", twilio.baseUrl())));

        SendFailedException failure = catchThrowableOfType(SendFailedException.class,
                () -> withoutSender.send(OutboundMessage.freeform(PARENT, "Hello")));

        assertThat(failure.outcome()).isEqualTo(SendFailedException.Outcome.RETRYABLE);
        assertThat(twilio.sentForms()).isEmpty();
    }

    @Test
    void aFreeFormMessageIsPostedWithBodyAndTheStatusCallback() {
        WhatsAppGateway.Accepted accepted = gateway.send(OutboundMessage.freeform(PARENT, "Thanks, Sam!"));

        assertThat(accepted.sid()).startsWith("SM");
        assertThat(accepted.status()).isEqualTo(MessageStatus.QUEUED);
        assertThat(twilio.sentForms()).singleElement().isEqualTo(Map.of(
                "To", "whatsapp:" + PARENT,
                "From", "whatsapp:+447700900000",
                "Body", "Thanks, Sam!",
                "StatusCallback", "https://registrations.example.org/prod/status"));
    }

    @Test
    void aTemplateIsPostedWithContentSidAndItsVariablesAsJsonInOrder() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("1", "Sam");
        variables.put("2", "Seb");

        gateway.send(OutboundMessage.template(PARENT, "HX11111111111111111111111111111111", variables));

        assertThat(twilio.sentForms()).singleElement().isEqualTo(Map.of(
                "To", "whatsapp:" + PARENT,
                "From", "whatsapp:+447700900000",
                "ContentSid", "HX11111111111111111111111111111111",
                "ContentVariables", "{\"1\":\"Sam\",\"2\":\"Seb\"}",
                "StatusCallback", "https://registrations.example.org/prod/status"));
    }

    @Test
    void aTwilioServerErrorIsTriedOnceByTheSdkAndReportedRetryable() {
        twilio.failsWith(503);

        SendFailedException failure = catchThrowableOfType(SendFailedException.class,
                () -> gateway.send(OutboundMessage.freeform(PARENT, "Hello")));

        assertThat(failure.outcome()).isEqualTo(SendFailedException.Outcome.RETRYABLE);
        assertThat(twilio.sentForms()).hasSize(1);
    }

    @Test
    void twilioRateLimitingIsTriedOnceAndReportedRetryable() {
        twilio.failsWith(429);

        SendFailedException failure = catchThrowableOfType(SendFailedException.class,
                () -> gateway.send(OutboundMessage.freeform(PARENT, "Hello")));

        assertThat(failure.outcome()).isEqualTo(SendFailedException.Outcome.RETRYABLE);
        assertThat(twilio.sentForms()).hasSize(1);
    }

    @Test
    void aRefusedNumberIsRejectedForGoodWithTwiliosErrorCode() {
        twilio.rejectsWith(21211);

        SendFailedException failure = catchThrowableOfType(SendFailedException.class,
                () -> gateway.send(OutboundMessage.freeform(PARENT, "Hello")));

        assertThat(failure.outcome()).isEqualTo(SendFailedException.Outcome.REJECTED);
        assertThat(failure.errorCode()).isEqualTo(21211);
    }

    @Test
    void aTokenRotatedInTwilioIsReadAgainAndTheSendRetriedOnceWithARebuiltClient() {
        Map<String, String> secret = new HashMap<>(Map.of(
                "arn:twilio#TWILIO_ACCOUNT_SID", TwilioApiStub.ACCOUNT_SID, "arn:twilio#TWILIO_AUTH_TOKEN", "old-token"));
        TestClock clock = new TestClock(Instant.parse("2026-09-01T10:00:00Z"));
        WhatsAppGateway rotating = TwilioWhatsAppGateway.fromConfig(new Config(rotatableSettings(), secret::get,
                name -> null, clock));
        rotating.send(OutboundMessage.freeform(PARENT, "Before the rotation"));
        twilio.acceptsOnlyAuthToken("new-token");
        secret.put("arn:twilio#TWILIO_AUTH_TOKEN", "new-token");
        clock.advance(Duration.ofSeconds(30));

        WhatsAppGateway.Accepted accepted = rotating.send(OutboundMessage.freeform(PARENT, "After the rotation"));

        assertThat(accepted.sid()).startsWith("SM");
        assertThat(twilio.sentForms()).extracting(form -> form.get("Body"))
                .containsExactly("Before the rotation", "After the rotation", "After the rotation");
    }

    @Test
    void refusedCredentialsThatReadTheSameAreRetryableNeverARefusalOfTheMessageAndRaiseTheAlarm() {
        twilio.acceptsOnlyAuthToken("a-token-we-do-not-have");

        try (LogCapture logs = LogCapture.capture()) {
            SendFailedException failure = catchThrowableOfType(SendFailedException.class,
                    () -> gateway.send(OutboundMessage.freeform(PARENT, "Hello")));

            assertThat(failure.outcome()).isEqualTo(SendFailedException.Outcome.RETRYABLE);
            assertThat(failure.errorCode()).isEqualTo(20003);
            assertThat(twilio.sentForms()).hasSize(1);
            assertThat(logs.lines()).anyMatch(line -> line.contains("\"alarm\":\"CredentialsRefused\""));
        }
    }

    @Test
    void twilioUnreachableBeforeAnyConnectionIsRetryable() {
        twilio.stop();

        SendFailedException failure = catchThrowableOfType(SendFailedException.class,
                () -> gateway.send(OutboundMessage.freeform(PARENT, "Hello")));

        assertThat(failure.outcome()).isEqualTo(SendFailedException.Outcome.RETRYABLE);
    }
}
