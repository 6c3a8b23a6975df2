package uk.clubreg.jobs;

/** Does one kind of job. Throwing means "not done": the queue redelivers it, and FIFO order is kept. */
@FunctionalInterface
public interface JobHandler {
    void handle(Job job);
}
