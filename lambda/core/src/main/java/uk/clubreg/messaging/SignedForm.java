package uk.clubreg.messaging;

import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;
import uk.clubreg.http.FormBody;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.logging.Alarm;

/**
 * A Twilio webhook's form fields, only when X-Twilio-Signature matches them and our exact public URL
 * (PUBLIC_BASE_URL + path). The URL is never rebuilt from the request's headers, which a caller controls.
 */
public final class SignedForm {

    private static final Logger LOG = LoggerFactory.getLogger(SignedForm.class);
    static final String SIGNATURE_HEADER = "X-Twilio-Signature";

    private final Config config;
    private final SignatureVerifier verifier;

    SignedForm(Config config, SignatureVerifier verifier) {
        this.config = config;
        this.verifier = verifier;
    }

    public Optional<Map<String, String>> read(HttpRequest request, String path) {
        String signature = request.header(SIGNATURE_HEADER).orElse("");
        if (signature.isBlank()) {
            return Optional.empty();
        }
        Map<String, String> fields = FormBody.parse(request.body());
        if (verifier.isValid(publicUrl(path), fields, signature)) {
            return Optional.of(fields);
        }
        // Signed, but not for our URL with either token: a junk post, or PUBLIC_BASE_URL or the token is wrong.
        Alarm.WEBHOOK_SIGNATURE_REFUSED.raise(LOG.atWarn().addKeyValue("path", path),
                "X-Twilio-Signature does not match; the post was refused");
        return Optional.empty();
    }

    String publicUrl(String path) {
        String base = config.require(Setting.PUBLIC_BASE_URL);
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }

    public static HttpResponse forbidden(HttpRequest request) {
        return HttpResponse.error(403, "invalid_signature", "X-Twilio-Signature is missing or does not match",
                request.requestId(), null);
    }

    /** Twilio expects TwiML; an empty Response means "no reply from this webhook". */
    public static HttpResponse emptyTwiml() {
        return HttpResponse.xml(200, "<Response/>");
    }
}
