package uk.clubreg.console;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The console's cryptography, all from one random 256-bit key kept in the database (decision 0071): HMAC-SHA256
 * for cookie signatures, CSRF tokens and code hashes (each with its own purpose prefix), AES-GCM to seal a code
 * until the worker sends it. The key is read when first needed, so building the system opens no connection.
 */
final class ConsoleKeys {

    static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final int IV_BYTES = 12;

    private final Supplier<byte[]> loader;
    private volatile byte[] key;

    ConsoleKeys(ConsoleRepository repository) {
        this.loader = () -> repository.key(randomBytes(32));
    }

    static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static String randomToken() {
        return BASE64URL.encodeToString(randomBytes(32));
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JVM provides SHA-256", e);
        }
    }

    /** HMAC-SHA256 of {@code purpose + ":" + value}. */
    byte[] mac(String purpose, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return mac.doFinal((purpose + ":" + value).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JVM provides HmacSHA256", e);
        }
    }

    /** {@link #mac} as URL-safe text, for cookies and form fields. */
    String sign(String purpose, String value) {
        return BASE64URL.encodeToString(mac(purpose, value));
    }

    /** Constant-time comparison of a signature someone sent with the one we would make. */
    boolean verify(String purpose, String value, String signature) {
        return signature != null && MessageDigest.isEqual(
                sign(purpose, value).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }

    byte[] seal(String text) {
        try {
            byte[] iv = randomBytes(IV_BYTES);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key(), "AES"), new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(text.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JVM provides AES-GCM", e);
        }
    }

    String unseal(byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key(), "AES"),
                    new GCMParameterSpec(128, sealed, 0, IV_BYTES));
            return new String(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sealed sign-in code could not be opened", e);
        }
    }

    private byte[] key() {
        byte[] loaded = key;
        if (loaded == null) {
            loaded = loader.get();
            key = loaded;
        }
        return loaded;
    }
}
