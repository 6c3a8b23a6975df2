package uk.clubreg.messaging.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

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

class TwilioWhatsAppGatewayTest {

    private static final String PARENT = "+447700900123";

    private final TwilioApiStub twilio = new TwilioApiStub();
    private final WhatsAppGateway gateway = TwilioWhatsAppGateway.fromConfig(Config.fromEnvironment(Map.of(
            "TWILIO_ACCOUNT_SID", TwilioApiStub.ACCOUNT_SID,
            "TWILIO_AUTH_TOKEN", "test-auth-token",
            "TWILIO_WHATSAPP_FROM", "+447700900000",
            "TWILIO_API_BASE_URL", twilio.baseUrl(),
            "PUBLIC_BASE_URL", "https://registrations.example.org/prod/")));

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
    void twilioUnreachableBeforeAnyConnectionIsRetryable() {
        twilio.stop();

        SendFailedException failure = catchThrowableOfType(SendFailedException.class,
                () -> gateway.send(OutboundMessage.freeform(PARENT, "Hello")));

        assertThat(failure.outcome()).isEqualTo(SendFailedException.Outcome.RETRYABLE);
    }
}
