package uk.clubreg.jobs.sqs;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobCodec;
import uk.clubreg.jobs.JobQueue;
import uk.clubreg.jobs.JobQueueException;

/** Publishes jobs to an SQS FIFO queue (or ElasticMQ through {@code SQS_ENDPOINT}). */
public final class SqsJobQueue implements JobQueue {

    /** SQS takes at most 10 entries in one SendMessageBatch. */
    static final int MAX_BATCH = 10;

    private static final Logger LOG = LoggerFactory.getLogger(SqsJobQueue.class);

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsJobQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** A client for AWS, or for a local SQS-compatible endpoint when {@code endpoint} is set. */
    public static SqsClient client(String endpoint) {
        SqsClientBuilder builder = SqsClient.builder().httpClient(UrlConnectionHttpClient.create());
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint))
                    .region(Region.EU_WEST_2)
                    .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials
                            .create("local", "local"));
        }
        return builder.build();
    }

    @Override
    public void publish(Job job) {
        try {
            sqs.sendMessage(r -> r.queueUrl(queueUrl)
                    .messageBody(JobCodec.body(job))
                    .messageGroupId(job.groupId())
                    .messageDeduplicationId(job.deduplicationId()));
        } catch (SdkException e) {
            throw new JobQueueException("SQS did not accept the job", e);
        }
    }

    /**
     * ChangeMessageVisibility of the delivery: the job is received again after {@code delay}. When SQS cannot be
     * reached the job still comes back, after the queue's visibility timeout.
     */
    @Override
    public void retryAfter(String receipt, Duration delay) {
        try {
            sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(receipt)
                    .visibilityTimeout(Math.toIntExact(delay.toSeconds())));
        } catch (SdkException e) {
            LOG.atWarn().setCause(e).log("Could not shorten the retry delay; the job comes back after the visibility"
                    + " timeout");
        }
    }

    /**
     * SendMessageBatch, 10 entries a call, in order. Returned: each entry SQS refused, and once a call fails (SQS
     * unreachable) that call's jobs and every later one, untried. Within a FIFO group SQS keeps the entries' order.
     */
    @Override
    public List<Job> publishAll(List<Job> jobs) {
        List<Job> failed = new ArrayList<>();
        for (int from = 0; from < jobs.size(); from += MAX_BATCH) {
            List<Job> chunk = jobs.subList(from, Math.min(jobs.size(), from + MAX_BATCH));
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                Job job = chunk.get(i);
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(JobCodec.body(job)).messageGroupId(job.groupId())
                        .messageDeduplicationId(job.deduplicationId()).build());
            }
            try {
                Set<String> refused = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries)).failed()
                        .stream().map(BatchResultErrorEntry::id).collect(Collectors.toSet());
                for (int i = 0; i < chunk.size(); i++) {
                    if (refused.contains(Integer.toString(i))) {
                        failed.add(chunk.get(i));
                    }
                }
            } catch (SdkException e) {
                failed.addAll(jobs.subList(from, jobs.size()));
                break;
            }
        }
        return failed;
    }
}
