package uk.clubreg.testsupport;

import java.util.List;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import uk.clubreg.jobs.sqs.SqsJobQueue;

/** An in-process ElasticMQ (SQS protocol) on a free port, with one FIFO queue; the real SqsClient talks to it. */
public final class TestQueue implements AutoCloseable {

    private final SQSRestServer server;
    private final String endpoint;
    private final SqsClient client;
    private final String queueUrl;

    private TestQueue(SQSRestServer server, String endpoint) {
        this.server = server;
        this.endpoint = endpoint;
        this.client = SqsJobQueue.client(endpoint);
        this.queueUrl = client.createQueue(r -> r.queueName("jobs-" + System.nanoTime() + ".fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                        QueueAttributeName.VISIBILITY_TIMEOUT, "30"))).queueUrl();
    }

    public static TestQueue start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        return new TestQueue(server, "http://127.0.0.1:" + port);
    }

    public String endpoint() { return endpoint; }

    public String queueUrl() { return queueUrl; }

    public SqsClient client() { return client; }

    public SqsJobQueue jobQueue() { return new SqsJobQueue(client, queueUrl); }

    /** Receives (and deletes) what is on the queue now: up to 10 per call, waiting at most a second. */
    public List<Message> drain() {
        List<Message> messages = client.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(1).messageSystemAttributeNamesWithStrings("MessageGroupId", "MessageDeduplicationId"))
                .messages();
        messages.forEach(m -> client.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        return messages;
    }

    /** Stops the server, e.g. to show that jobs survive a queue outage. */
    public void stop() {
        server.stopAndWait();
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
