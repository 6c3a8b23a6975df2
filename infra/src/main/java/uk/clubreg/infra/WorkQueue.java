package uk.clubreg.infra;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The FIFO job queue (message group = the parent's number, so one parent's jobs run in order) and its FIFO
 * dead-letter queue. Deduplication ids come from the outbox, so content-based deduplication stays off.
 */
public final class WorkQueue extends Construct {

    static final int MAX_RECEIVE_COUNT = 5;
    /** AWS's guidance for SQS event sources: at least six times the function timeout. */
    static final int VISIBILITY_TO_TIMEOUT_RATIO = 6;

    private final Queue jobs;
    private final Queue deadLetters;

    public WorkQueue(Construct scope, String id, Duration workerTimeout) {
        super(scope, id);
        deadLetters = Queue.Builder.create(this, "DeadLetters")
                .fifo(true)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
        jobs = Queue.Builder.create(this, "Jobs")
                .fifo(true)
                .contentBasedDeduplication(false)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .visibilityTimeout(Duration.seconds(workerTimeout.toSeconds().intValue() * VISIBILITY_TO_TIMEOUT_RATIO))
                .retentionPeriod(Duration.days(4))
                .deadLetterQueue(DeadLetterQueue.builder().queue(deadLetters).maxReceiveCount(MAX_RECEIVE_COUNT).build())
                .build();
    }

    public Queue jobs() {
        return jobs;
    }

    public Queue deadLetters() {
        return deadLetters;
    }
}
