package uk.clubreg.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import uk.clubreg.jobs.Backoff;
import uk.clubreg.jobs.Job;
import uk.clubreg.testsupport.TestQueue;

/** Retry backoff against ElasticMQ: a failed job is received again after the backoff, not the visibility timeout. */
class WorkerRetryBackoffIT {

    /** TestQueue's visibility timeout is 30 s; a one-second backoff shows the delivery was brought forward. */
    private static final Backoff ONE_SECOND = new Backoff(Duration.ofSeconds(1), 3, Duration.ofMinutes(15));

    private final TestQueue queue = TestQueue.start();

    @AfterEach
    void stop() {
        queue.close();
    }

    @Test
    void aFailedJobIsReceivedAgainAfterItsBackoffWithItsReceiveCountUp() {
        queue.jobQueue().publish(new Job.InboundMessage("+447700900123", "SM1", 1, 1L));
        WorkerHandler worker = new WorkerHandler(job -> {
            throw new IllegalStateException("Twilio unavailable (test)");
        }, queue.jobQueue(), ONE_SECOND);

        SQSBatchResponse response = worker.handleRequest(event(receive(0)), null);

        assertThat(response.getBatchItemFailures()).hasSize(1);
        // Well before the queue's 30 s visibility timeout.
        List<Message> again = receive(10);
        assertThat(again).singleElement().satisfies(message -> assertThat(message.attributesAsStrings())
                .containsEntry("ApproximateReceiveCount", "2"));
    }

    private List<Message> receive(int waitSeconds) {
        return queue.client().receiveMessage(r -> r.queueUrl(queue.queueUrl()).maxNumberOfMessages(10)
                .waitTimeSeconds(waitSeconds).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
    }

    private static SQSEvent event(List<Message> messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(message -> {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setAttributes(new java.util.HashMap<>(message.attributesAsStrings()));
            return record;
        }).toList());
        return event;
    }
}
