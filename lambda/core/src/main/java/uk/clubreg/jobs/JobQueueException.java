package uk.clubreg.jobs;

/** The queue did not take a job. The outbox keeps it, and the sweeper publishes it later. */
public final class JobQueueException extends RuntimeException {
    public JobQueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
