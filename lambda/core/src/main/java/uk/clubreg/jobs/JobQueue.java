package uk.clubreg.jobs;

/** Where jobs go to be worked on: SQS FIFO in AWS and locally (ElasticMQ), or inline when no queue is set. */
public interface JobQueue {

    /** Publishes the job; throws {@link JobQueueException} when the queue cannot take it now. */
    void publish(Job job);
}
