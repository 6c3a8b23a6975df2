package uk.clubreg.photos;

import java.time.Duration;

/**
 * The provider's copy of a file a parent sent (Twilio's media URL), fetched with the account's credentials. One
 * attempt per call: {@link PlayerPhotos} decides about retries.
 */
public interface InboundMedia {

    /** What one attempt got. */
    sealed interface Fetched {
        /** The whole file, at most the limit asked for; {@code declaredType} as the provider sent it. */
        record Bytes(byte[] bytes, String declaredType) implements Fetched {}

        /** More than the limit: reading stopped there (or the declared length said so before reading). */
        record TooLarge() implements Fetched {}

        /** Nothing usable; {@code retryable}: a timeout, a connection failure or a 5xx, worth another attempt. */
        record Failed(String reason, boolean retryable) implements Fetched {}
    }

    /** Fetches {@code url}, reading at most {@code maxBytes}, giving up after {@code timeout}. */
    Fetched fetch(String url, int maxBytes, Duration timeout);
}
