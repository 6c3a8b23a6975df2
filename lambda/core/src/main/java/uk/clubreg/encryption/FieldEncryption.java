package uk.clubreg.encryption;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM for the special-category fields (medical notes, the emergency contact): stored as
 * {@code enc:v1:<key id>:<base64 of IV and ciphertext>}, decrypted only by the repository that serves authorised
 * reads (docs/decisions/0097-details-encrypted-in-the-application.md).
 *
 * <p>The keys are DETAILS_ENCRYPTION_KEYS, a comma-separated list of secret strings: the first encrypts, every one
 * decrypts, so a rotation puts a new key first and keeps the old ones until no row uses them. A key's id is a
 * digest of it, so the list needs no names. The AES key is the SHA-256 of the string. The field's name is bound
 * to its ciphertext (associated data), so a value cannot be moved to another column unnoticed.
 */
public final class FieldEncryption {

    private static final String PREFIX = "enc:v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The keys by id, the encrypting one first. */
    record KeyRing(String currentId, Map<String, SecretKey> keys) {

        static KeyRing parse(String setting) {
            Map<String, SecretKey> keys = new LinkedHashMap<>();
            for (String entry : setting.split(",")) {
                String material = entry.trim();
                if (material.length() < 32) {
                    throw new IllegalStateException(
                            "DETAILS_ENCRYPTION_KEYS: each key must be at least 32 characters of random text");
                }
                byte[] key = sha256(material);
                keys.put(HexFormat.of().formatHex(sha256(key)).substring(0, 8), new SecretKeySpec(key, "AES"));
            }
            return new KeyRing(keys.keySet().iterator().next(), Map.copyOf(keys));
        }
    }

    private final Supplier<Optional<String>> setting;
    private String parsedFrom;
    private KeyRing parsed;

    /** @param setting DETAILS_ENCRYPTION_KEYS, read on each use so a rotated list needs no restart; empty: none */
    public FieldEncryption(Supplier<Optional<String>> setting) {
        this.setting = setting;
    }

    /** The value to store for {@code field}; null stays null. */
    public String encrypt(String field, String plaintext) {
        Optional<KeyRing> ring = keys();
        if (plaintext == null || ring.isEmpty()) {
            return plaintext;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, ring.get().keys().get(ring.get().currentId()), iv, field);
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] stored = ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
            return PREFIX + ring.get().currentId() + ":" + Base64.getEncoder().encodeToString(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt " + field, e);
        }
    }

    /**
     * The plaintext of a stored value; a value stored before encryption was turned on is returned as it is.
     *
     * @throws IllegalStateException when the value's key is not in DETAILS_ENCRYPTION_KEYS, or it was tampered with
     */
    public String decrypt(String field, String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        String[] parts = stored.substring(PREFIX.length()).split(":", 2);
        SecretKey key = keys().map(ring -> ring.keys().get(parts[0])).orElseThrow(() -> new IllegalStateException(
                "A " + field + " value was encrypted with key " + parts[0]
                        + ", which DETAILS_ENCRYPTION_KEYS no longer holds"));
        try {
            byte[] sealed = Base64.getDecoder().decode(parts[1]);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(sealed, IV_BYTES), field);
            return new String(cipher.doFinal(sealed, IV_BYTES, sealed.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A " + field + " value could not be decrypted", e);
        }
    }

    private synchronized Optional<KeyRing> keys() {
        Optional<String> current = setting.get().map(String::trim).filter(value -> !value.isEmpty());
        if (current.isEmpty()) {
            return Optional.empty();
        }
        if (!current.get().equals(parsedFrom)) {
            parsed = KeyRing.parse(current.get());
            parsedFrom = current.get();
        }
        return Optional.of(parsed);
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] iv, String field) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(field.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static byte[] sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
