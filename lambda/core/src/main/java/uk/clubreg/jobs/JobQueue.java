package uk.clubreg.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Where jobs go to be worked on: SQS FIFO in AWS and locally (ElasticMQ), or inline when no queue is set. */
public interface JobQueue {

    /** Publishes the job; throws {@link JobQueueException} when the queue cannot take it now. */
    void publish(Job job);

    /**
     * Publishes the jobs in order, in as few calls as the queue allows (SQS: 10 a call; here: one a call).
     *
     * @return the jobs the queue did not take, in order; empty when it took them all
     */
    default List<Job> publishAll(List<Job> jobs) {
        List<Job> refused = new ArrayList<>();
        for (Job job : jobs) {
            try {
                publish(job);
            } catch (JobQueueException e) {
                refused.add(job);
            }
        }
        return refused;
    }

    /**
     * A delivered job failed: it comes back after {@code delay} rather than the queue's visibility timeout.
     * {@code receipt} is the queue's handle of that delivery. A queue that does not redeliver (inline) does nothing.
     */
    default void retryAfter(String receipt, Duration delay) {}
}
