package uk.clubreg.jobs;

/** Does a job. Throwing means "not done": the queue redelivers it, and FIFO order is kept. */
@FunctionalInterface
public interface JobHandler<J extends Job> {
    void handle(J job);
}
