package uk.clubreg.testsupport;

import java.util.List;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import uk.clubreg.jobs.sqs.SqsJobQueue;

/**
 * A FIFO queue on an in-process ElasticMQ (SQS protocol); the real SqsClient talks to it. Queues share one server
 * per JVM, each with its own name, except {@link #unreachable()}'s, whose server is stopped.
 */
public final class TestQueue implements AutoCloseable {

    private static SQSRestServer shared;
    private static String sharedEndpoint;

    private final SQSRestServer ownServer;
    private final String endpoint;
    private final SqsClient client;
    private final String queueUrl;

    private TestQueue(SQSRestServer ownServer, String endpoint) {
        this.ownServer = ownServer;
        this.endpoint = endpoint;
        this.client = SqsJobQueue.client(endpoint);
        this.queueUrl = client.createQueue(r -> r.queueName("jobs-" + System.nanoTime() + ".fifo")
                .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true",
                        QueueAttributeName.VISIBILITY_TIMEOUT, "30"))).queueUrl();
    }

    /** A new, empty queue on the shared server. */
    public static synchronized TestQueue start() {
        if (shared == null) {
            shared = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
            sharedEndpoint = "http://127.0.0.1:" + shared.waitUntilStarted().localAddress().getPort();
        }
        return new TestQueue(null, sharedEndpoint);
    }

    /** A queue whose server has stopped: every publish fails, as in an SQS outage. */
    public static TestQueue unreachable() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        TestQueue queue = new TestQueue(server, "http://127.0.0.1:" + port);
        server.stopAndWait();
        return queue;
    }

    public String endpoint() { return endpoint; }

    public String queueUrl() { return queueUrl; }

    public SqsClient client() { return client; }

    public SqsJobQueue jobQueue() { return new SqsJobQueue(client, queueUrl); }

    /** Receives (and deletes) what is on the queue now, up to 10 per call: publishing is synchronous. */
    public List<Message> drain() {
        List<Message> messages = client.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(0).messageSystemAttributeNamesWithStrings("MessageGroupId", "MessageDeduplicationId"))
                .messages();
        messages.forEach(m -> client.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        return messages;
    }

    @Override
    public void close() {
        if (ownServer == null) {
            client.deleteQueue(r -> r.queueUrl(queueUrl));
        }
        client.close();
    }
}
