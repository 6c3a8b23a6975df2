package uk.clubreg.jobs.sqs;

import java.net.URI;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobCodec;
import uk.clubreg.jobs.JobQueue;
import uk.clubreg.jobs.JobQueueException;

/** Publishes jobs to an SQS FIFO queue (or ElasticMQ through {@code SQS_ENDPOINT}). */
public final class SqsJobQueue implements JobQueue {

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
}
