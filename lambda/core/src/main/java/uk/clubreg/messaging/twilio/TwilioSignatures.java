package uk.clubreg.messaging.twilio;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs a form the way Twilio documents it (HMAC-SHA1 of the URL followed by each name and value, names sorted,
 * Base64). The local WhatsApp simulator signs its webhook posts with it; tests use it to check the SDK's validator
 * against the documented scheme, since it is written independently of the SDK.
 */
public final class TwilioSignatures {

    private TwilioSignatures() {}

    public static String sign(String authToken, String url, Map<String, String> form) {
        StringBuilder data = new StringBuilder(url);
        new TreeMap<>(form).forEach((name, value) -> data.append(name).append(value));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
