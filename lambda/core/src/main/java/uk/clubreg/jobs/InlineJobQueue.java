package uk.clubreg.jobs;

/**
 * No queue configured (QUEUE_URL unset): the job runs at once, in the caller's thread, through the same handler
 * the worker would use (development without a queue).
 */
public final class InlineJobQueue implements JobQueue {

    private final JobHandler<Job> handler;

    public InlineJobQueue(JobHandler<Job> handler) {
        this.handler = handler;
    }

    @Override
    public void publish(Job job) {
        try {
            handler.handle(job);
        } catch (RuntimeException e) {
            throw new JobQueueException("Inline job failed; it stays in the outbox for the sweeper", e);
        }
    }
}
