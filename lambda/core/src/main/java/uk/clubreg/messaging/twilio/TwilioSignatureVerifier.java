package uk.clubreg.messaging.twilio;

import com.twilio.security.RequestValidator;
import java.util.Map;
import java.util.function.Supplier;
import uk.clubreg.messaging.SignatureVerifier;

/** X-Twilio-Signature, checked by twilio-java's {@link RequestValidator} with the account's auth token. */
public final class TwilioSignatureVerifier implements SignatureVerifier {

    private final Supplier<String> authToken;

    /** The token is read per check: Config caches it, and a rotated secret is picked up when the cache expires. */
    public TwilioSignatureVerifier(Supplier<String> authToken) {
        this.authToken = authToken;
    }

    @Override
    public boolean isValid(String url, Map<String, String> formFields, String signature) {
        return new RequestValidator(authToken.get()).validate(url, formFields, signature);
    }
}
