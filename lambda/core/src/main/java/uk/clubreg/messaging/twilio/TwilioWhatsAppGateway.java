package uk.clubreg.messaging.twilio;

import com.twilio.exception.ApiException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.config.Config;
import uk.clubreg.config.Rotating;
import uk.clubreg.config.Setting;
import uk.clubreg.conversations.MessageStatus;
import uk.clubreg.json.Json;
import uk.clubreg.logging.Alarm;
import uk.clubreg.messaging.OutboundMessage;
import uk.clubreg.messaging.SendFailedException;
import uk.clubreg.messaging.SendFailedException.Outcome;
import uk.clubreg.messaging.WhatsAppGateway;

/**
 * Sends WhatsApp messages with twilio-java's Messages API: free-form {@code Body}, or {@code ContentSid} with
 * {@code ContentVariables}; always with {@code StatusCallback} = PUBLIC_BASE_URL/status. One HTTP attempt per send.
 */
public final class TwilioWhatsAppGateway implements WhatsAppGateway {

    private static final Logger LOG = LoggerFactory.getLogger(TwilioWhatsAppGateway.class);
    /** Twilio's "Authenticate" error: the account SID and auth token do not match. */
    static final int AUTHENTICATION_ERROR = 20003;

    private final Rotating<TwilioRestClient> client;
    private final Supplier<String> from;
    private final Supplier<String> statusCallbackUrl;

    TwilioWhatsAppGateway(Rotating<TwilioRestClient> client, Supplier<String> from, Supplier<String> statusCallbackUrl) {
        this.client = client;
        this.from = from;
        this.statusCallbackUrl = statusCallbackUrl;
    }

    /**
     * Credentials and sender are read on the first send, so building this calls nothing. The client is rebuilt
     * when the account SID, auth token or API base URL read differently (a rotation).
     */
    public static TwilioWhatsAppGateway fromConfig(Config config) {
        return new TwilioWhatsAppGateway(rotatingClient(config),
                () -> whatsApp(config.require(Setting.TWILIO_WHATSAPP_FROM)),
                () -> config.require(Setting.PUBLIC_BASE_URL).replaceAll("/+$", "") + "/status");
    }

    /** A Twilio client with SDK retries off, built on first use and rebuilt when its settings change. */
    static Rotating<TwilioRestClient> rotatingClient(Config config) {
        return Rotating.of(config,
                () -> new TwilioRestClient.Builder(config.require(Setting.TWILIO_ACCOUNT_SID),
                        config.require(Setting.TWILIO_AUTH_TOKEN))
                        .httpClient(new NoRetryHttpClient(config.get(Setting.TWILIO_API_BASE_URL).orElse(null)))
                        .build(),
                replaced -> ((NoRetryHttpClient) replaced.getHttpClient()).close(),
                Setting.TWILIO_ACCOUNT_SID, Setting.TWILIO_AUTH_TOKEN, Setting.TWILIO_API_BASE_URL);
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
            twilio = client.get();
        } catch (RuntimeException e) {
            // Settings or credentials (SSM, Secrets Manager) could not be read: nothing reached Twilio, so the send
            // is safely retried rather than left "in doubt" and never sent.
            throw new SendFailedException(SendFailedException.Outcome.RETRYABLE, null,
                    "Twilio settings could not be read before sending", e);
        }
        try {
            return accepted(creator.create(twilio));
        } catch (ApiException e) {
            if (!isCredentialFailure(e)) {
                throw classify(e);
            }
            return retriedWithRenewedCredentials(creator, twilio, e);
        }
    }

    /**
     * Twilio refused our credentials, so it created no message: after a rotation the secret is read again and, if
     * it changed, the same send is made once more with a rebuilt client. Otherwise, or if that is refused too, the
     * send stays retryable (the job comes back) and the credentials alarm is raised: a refusal of the credentials
     * is never a refusal of the message.
     */
    private Accepted retriedWithRenewedCredentials(MessageCreator creator, TwilioRestClient refused, ApiException e) {
        ApiException last = e;
        try {
            Optional<TwilioRestClient> renewed = client.renewAfterRefusal(refused);
            if (renewed.isPresent()) {
                LOG.atInfo().log("Twilio refused the credentials; retrying once with the ones read again");
                return accepted(creator.create(renewed.get()));
            }
        } catch (ApiException again) {
            if (!isCredentialFailure(again)) {
                throw classify(again);
            }
            last = again;
        } catch (RuntimeException unreadable) {
            last.addSuppressed(unreadable);
        }
        Alarm.CREDENTIALS_REFUSED.raise(LOG.atError().addKeyValue("provider", "twilio")
                .addKeyValue("http_status", last.getStatusCode()).addKeyValue("error_code", last.getCode()),
                "Twilio refused our credentials; the send will be retried. Check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN");
        throw new SendFailedException(Outcome.RETRYABLE, last.getCode(),
                "Twilio refused the credentials (HTTP " + last.getStatusCode() + ")", last);
    }

    private static Accepted accepted(Message sent) {
        // A first status this version does not know is still an accepted send.
        MessageStatus status = sent.getStatus() == null ? MessageStatus.QUEUED
                : MessageStatus.fromWireName(sent.getStatus().toString()).orElse(MessageStatus.QUEUED);
        return new Accepted(sent.getSid(), status);
    }

    static boolean isCredentialFailure(ApiException e) {
        Integer httpStatus = e.getStatusCode();
        return (httpStatus != null && (httpStatus == 401 || httpStatus == 403))
                || Integer.valueOf(AUTHENTICATION_ERROR).equals(e.getCode());
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
