package uk.clubreg.messaging.twilio;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.function.Supplier;
import org.apache.hc.client5.http.ConnectTimeoutException;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;
import uk.clubreg.conversations.MessageStatus;
import uk.clubreg.json.Json;
import uk.clubreg.messaging.OutboundMessage;
import uk.clubreg.messaging.SendFailedException;
import uk.clubreg.messaging.SendFailedException.Outcome;
import uk.clubreg.messaging.WhatsAppGateway;

/**
 * Sends WhatsApp messages with twilio-java's Messages API: free-form {@code Body}, or {@code ContentSid} with
 * {@code ContentVariables}; always with {@code StatusCallback} = PUBLIC_BASE_URL/status. One HTTP attempt per send.
 */
public final class TwilioWhatsAppGateway implements WhatsAppGateway {

    private final Supplier<TwilioRestClient> client;
    private final Supplier<String> from;
    private final Supplier<String> statusCallbackUrl;
    private TwilioRestClient built;

    TwilioWhatsAppGateway(Supplier<TwilioRestClient> client, Supplier<String> from, Supplier<String> statusCallbackUrl) {
        this.client = client;
        this.from = from;
        this.statusCallbackUrl = statusCallbackUrl;
    }

    /** Credentials and sender are read on the first send, so building this calls nothing. */
    public static TwilioWhatsAppGateway fromConfig(Config config) {
        return new TwilioWhatsAppGateway(
                () -> new TwilioRestClient.Builder(config.require(Setting.TWILIO_ACCOUNT_SID),
                        config.require(Setting.TWILIO_AUTH_TOKEN))
                        .httpClient(new NoRetryHttpClient(config.get(Setting.TWILIO_API_BASE_URL).orElse(null)))
                        .build(),
                () -> whatsApp(config.require(Setting.TWILIO_WHATSAPP_FROM)),
                () -> config.require(Setting.PUBLIC_BASE_URL).replaceAll("/+$", "") + "/status");
    }

    @Override
    public Accepted send(OutboundMessage message) {
        MessageCreator creator;
        TwilioRestClient twilio;
        try {
            creator = Message.creator(new PhoneNumber(whatsApp(message.toE164())), new PhoneNumber(from.get()),
                    message.body()).setStatusCallback(statusCallbackUrl.get());
            if (message.isTemplate()) {
                creator.setContentSid(message.contentSid()).setContentVariables(Json.write(message.contentVariables()));
            }
            twilio = client();
        } catch (RuntimeException e) {
            // Settings or credentials (SSM, Secrets Manager) could not be read: nothing reached Twilio, so the send
            // is safely retried rather than left "in doubt" and never sent.
            throw new SendFailedException(SendFailedException.Outcome.RETRYABLE, null,
                    "Twilio settings could not be read before sending", e);
        }
        try {
            Message sent = creator.create(twilio);
            // A first status this version does not know is still an accepted send.
            MessageStatus status = sent.getStatus() == null ? MessageStatus.QUEUED
                    : MessageStatus.fromWireName(sent.getStatus().toString()).orElse(MessageStatus.QUEUED);
            return new Accepted(sent.getSid(), status);
        } catch (ApiException e) {
            throw classify(e);
        }
    }

    private synchronized TwilioRestClient client() {
        if (built == null) {
            built = client.get();
        }
        return built;
    }

    /** 5xx and 429 were not accepted; other HTTP answers are final; without one, it depends on how far we got. */
    static SendFailedException classify(ApiException e) {
        Integer httpStatus = e.getStatusCode();
        if (httpStatus != null) {
            Outcome outcome = httpStatus >= 500 || httpStatus == 429 ? Outcome.RETRYABLE : Outcome.REJECTED;
            return new SendFailedException(outcome, e.getCode(), "Twilio HTTP " + httpStatus + ": " + e.getMessage(), e);
        }
        Throwable cause = e.getCause();
        boolean neverConnected = cause instanceof ConnectException || cause instanceof UnknownHostException
                || cause instanceof ConnectTimeoutException;
        return new SendFailedException(neverConnected ? Outcome.RETRYABLE : Outcome.UNKNOWN, null,
                "Twilio unreachable: " + e.getMessage(), e);
    }

    private static String whatsApp(String number) {
        return number.startsWith("whatsapp:") ? number : "whatsapp:" + number;
    }
}
