package uk.clubreg.local;

import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import uk.clubreg.jobs.sqs.SqsJobQueue;

/** ElasticMQ in this process: the SQS protocol on a local port, with the FIFO work queue and its dead-letter queue. */
public final class LocalQueue implements AutoCloseable {

    static final String QUEUE_NAME = "jobs.fifo";
    public static final String DEAD_LETTER_QUEUE_NAME = "jobs-dead-letter.fifo";
    // As in AWS: a job that keeps failing is moved aside instead of being retried for ever.
    private static final int MAX_RECEIVE_COUNT = 5;
    // As in AWS: a job not deleted within this time (the worker failed) is delivered again.
    private static final int VISIBILITY_TIMEOUT_SECONDS = 30;

    private final SQSRestServer server;
    private final String endpoint;
    private final String queueUrl;

    private LocalQueue(SQSRestServer server, String endpoint, String queueUrl) {
        this.server = server;
        this.endpoint = endpoint;
        this.queueUrl = queueUrl;
    }

    static LocalQueue start() {
        return start(VISIBILITY_TIMEOUT_SECONDS);
    }

    /** The chaos suite shortens the visibility timeout, so a killed worker's job comes back sooner. */
    public static LocalQueue start(int visibilityTimeoutSeconds) {
        // The stack's own shutdown hook stops ElasticMQ; its actor system must not race it with a hook of its own.
        System.setProperty("pekko.coordinated-shutdown.run-by-jvm-shutdown-hook", "off");
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        String endpoint = "http://127.0.0.1:" + port;
        try (SqsClient client = SqsJobQueue.client(endpoint)) {
            String deadLetterUrl = client.createQueue(r -> r.queueName(DEAD_LETTER_QUEUE_NAME)
                    .attributes(Map.of(QueueAttributeName.FIFO_QUEUE, "true"))).queueUrl();
            String deadLetterArn = client.getQueueAttributes(r -> r.queueUrl(deadLetterUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            String queueUrl = client.createQueue(r -> r.queueName(QUEUE_NAME).attributes(Map.of(
                    QueueAttributeName.FIFO_QUEUE, "true",
                    QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds),
                    QueueAttributeName.REDRIVE_POLICY, "{\"maxReceiveCount\":\"" + MAX_RECEIVE_COUNT
                            + "\",\"deadLetterTargetArn\":\"" + deadLetterArn + "\"}"))).queueUrl();
            return new LocalQueue(server, endpoint, queueUrl);
        }
    }

    public String endpoint() { return endpoint; }

    public String queueUrl() { return queueUrl; }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
