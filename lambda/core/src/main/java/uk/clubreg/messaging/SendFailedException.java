package uk.clubreg.messaging;

/** A send the provider did not confirm. {@link Outcome} says whether trying again is safe and useful. */
public final class SendFailedException extends RuntimeException {

    public enum Outcome {
        /** Not accepted, and worth another try later (HTTP 5xx or 429, or no connection was made). */
        RETRYABLE,
        /** Refused for good (HTTP 4xx: bad number, bad template...): retrying sends nothing. */
        REJECTED,
        /** The request may have reached the provider (e.g. a read timeout): sending again could duplicate it. */
        UNKNOWN
    }

    private final Outcome outcome;
    private final Integer errorCode;

    public SendFailedException(Outcome outcome, Integer errorCode, String message, Throwable cause) {
        super(message, cause);
        this.outcome = outcome;
        this.errorCode = errorCode;
    }

    public Outcome outcome() { return outcome; }

    /** The provider's error code (e.g. Twilio 21211), when it gave one. */
    public Integer errorCode() { return errorCode; }
}
