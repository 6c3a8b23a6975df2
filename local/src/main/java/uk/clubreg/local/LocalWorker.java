package uk.clubreg.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import uk.clubreg.worker.WorkerHandler;

/**
 * Does locally what Lambda's SQS event source mapping does: long-polls the queue, hands each batch to the same
 * {@link WorkerHandler} as an {@link SQSEvent}, and deletes the messages it did not report as failed. Failed ones
 * come back after the handler's backoff (docs/decisions/0082-retry-backoff.md). With a timeout
 * (LOCAL_WORKER_TIMEOUT_SECONDS) each batch gets the remaining time Lambda would give it; without one, no deadline.
 */
final class LocalWorker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalWorker.class);
    private static final int WAIT_SECONDS = 1;

    private final SqsClient sqs;
    private final String queueUrl;
    private final WorkerHandler handler;
    private final Optional<Duration> timeout;
    private final Thread thread;
    private volatile boolean running = true;

    LocalWorker(SqsClient sqs, String queueUrl, WorkerHandler handler, Optional<Duration> timeout) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.handler = handler;
        this.timeout = timeout;
        this.thread = Thread.ofPlatform().name("local-worker").daemon().unstarted(this::pollUntilClosed);
    }

    void start() {
        thread.start();
    }

    private void pollUntilClosed() {
        while (running) {
            try {
                pollOnce();
            } catch (SdkException e) {
                if (running) {
                    LOG.atWarn().setCause(e).log("Queue unreachable; retrying");
                    pause();
                }
            }
        }
    }

    void pollOnce() {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                .maxNumberOfMessages(10)
                .waitTimeSeconds(WAIT_SECONDS)
                .messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
        if (messages.isEmpty()) {
            return;
        }
        Context invocation = timeout.map(LocalInvocation::new).orElse(null);
        SQSEvent event = new SQSEvent();
        event.setRecords(messages.stream().map(LocalWorker::toRecord).toList());
        SQSBatchResponse response = handler.handleRequest(event, invocation);
        Set<String> failed = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).collect(Collectors.toSet());
        for (Message message : messages) {
            if (!failed.contains(message.messageId())) {
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    private static SQSEvent.SQSMessage toRecord(Message message) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setAttributes(message.attributesAsStrings());
        record.setEventSource("aws:sqs");
        record.setEventSourceArn("arn:aws:sqs:local:000000000000:" + LocalQueue.QUEUE_NAME);
        return record;
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join((WAIT_SECONDS + 5) * 1_000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
