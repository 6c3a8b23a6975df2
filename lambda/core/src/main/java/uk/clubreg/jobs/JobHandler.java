package uk.clubreg.jobs;

/** Does a job. Throwing means "not done": the queue redelivers it, and FIFO order is kept. */
@FunctionalInterface
public interface JobHandler<J extends Job> {
    void handle(J job);

    /** Does a job that has to end by {@code deadline}; a job that takes no time of note ignores it. */
    default void handle(J job, Deadline deadline) {
        handle(job);
    }
}
