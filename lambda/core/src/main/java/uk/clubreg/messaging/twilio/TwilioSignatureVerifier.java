package uk.clubreg.messaging.twilio;

import com.twilio.security.RequestValidator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;
import uk.clubreg.messaging.SignatureVerifier;

/**
 * X-Twilio-Signature, checked by twilio-java's {@link RequestValidator}. During a rotation a signature made with the
 * current auth token or the previous one (TWILIO_AUTH_TOKEN_PREVIOUS) is accepted; on a mismatch the tokens are
 * read again from their source (at most every few seconds, see {@link Config#reread}) in case the token was
 * rotated before our cached copy expired.
 */
public final class TwilioSignatureVerifier implements SignatureVerifier {

    private static final List<Setting> TOKENS = List.of(Setting.TWILIO_AUTH_TOKEN, Setting.TWILIO_AUTH_TOKEN_PREVIOUS);

    private final Supplier<List<String>> tokens;
    private final BooleanSupplier reread;

    /**
     * @param tokens the tokens a signature may be made with, current first
     * @param reread reads the tokens again from their source; true when one changed
     */
    TwilioSignatureVerifier(Supplier<List<String>> tokens, BooleanSupplier reread) {
        this.tokens = tokens;
        this.reread = reread;
    }

    public static TwilioSignatureVerifier fromConfig(Config config) {
        return new TwilioSignatureVerifier(
                () -> Stream.concat(Stream.of(config.require(Setting.TWILIO_AUTH_TOKEN)),
                        config.get(Setting.TWILIO_AUTH_TOKEN_PREVIOUS).stream()).toList(),
                () -> config.reread(TOKENS));
    }

    @Override
    public boolean isValid(String url, Map<String, String> formFields, String signature) {
        return matchesAny(url, formFields, signature) || (reread.getAsBoolean() && matchesAny(url, formFields, signature));
    }

    private boolean matchesAny(String url, Map<String, String> formFields, String signature) {
        return tokens.get().stream().anyMatch(token -> new RequestValidator(token).validate(url, formFields, signature));
    }
}
