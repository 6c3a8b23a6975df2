package uk.clubreg.assistant;

/** The AI did not answer (timeouts, 429, 5xx) after its bounded retries; the job goes back to the queue. */
public class ResponderUnavailableException extends RuntimeException {
    public ResponderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
