package uk.clubreg.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.jobs.Backoff;
import uk.clubreg.jobs.Deadline;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobCodec;
import uk.clubreg.jobs.JobHandler;
import uk.clubreg.jobs.JobQueue;
import uk.clubreg.logging.RequestContext;

/**
 * The worker function: runs each SQS job and reports partial batch failures. FIFO order is kept: once a job of a
 * message group fails, the rest of that group in the batch is reported failed too, untried, so it is redelivered
 * after the failed one and never overtakes it. A failed job (and the rest of its group) comes back after a short
 * backoff from its receive count, not after the queue's visibility timeout (docs/decisions/0082-retry-backoff.md).
 * Each job is given the function's remaining time as its deadline.
 */
public final class WorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerHandler.class);

    private final JobHandler<Job> jobs;
    private final JobQueue queue;
    private final Backoff backoff;

    public WorkerHandler() {
        this(WorkerFunction.shared());
    }

    /** The system's jobs, with failed ones brought back by its queue after the default backoff. */
    public WorkerHandler(RegistrationSystem system) {
        this(system.jobs(), system.queue(), Backoff.DEFAULT);
    }

    public WorkerHandler(JobHandler<Job> jobs, JobQueue queue, Backoff backoff) {
        this.jobs = jobs;
        this.queue = queue;
        this.backoff = backoff;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Deadline deadline = context == null ? Deadline.NONE
                : Deadline.in(Duration.ofMillis(context.getRemainingTimeInMillis()));
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Map<String, Duration> failedGroups = new HashMap<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            String group = attribute(message, "MessageGroupId");
            Duration groupDelay = failedGroups.get(group);
            if (groupDelay == null && !run(message, group, deadline)) {
                groupDelay = backoff.after(receiveCount(message));
                failedGroups.put(group, groupDelay);
            }
            if (groupDelay != null) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                queue.retryAfter(message.getReceiptHandle(), groupDelay);
            }
        }
        return new SQSBatchResponse(failures);
    }

    private boolean run(SQSEvent.SQSMessage message, String group, Deadline deadline) {
        try (RequestContext ignored = RequestContext.open(message.getMessageId(), "job")) {
            long started = System.nanoTime();
            try {
                Job job = JobCodec.read(message.getBody(), group, attribute(message, "MessageDeduplicationId"));
                MDC.put("job_type", JobCodec.type(job));
                jobs.handle(job, deadline);
                LOG.atInfo().addKeyValue("latency_ms", (System.nanoTime() - started) / 1_000_000.0)
                        .addKeyValue("receive_count", attribute(message, "ApproximateReceiveCount"))
                        .log("Job done");
                return true;
            } catch (RuntimeException e) {
                LOG.atWarn().setCause(e).addKeyValue("receive_count", attribute(message, "ApproximateReceiveCount"))
                        .addKeyValue("retry_in_s", backoff.after(receiveCount(message)).toSeconds())
                        .log("Job failed; it will be redelivered");
                return false;
            }
        }
    }

    private static int receiveCount(SQSEvent.SQSMessage message) {
        try {
            return Math.max(1, Integer.parseInt(attribute(message, "ApproximateReceiveCount")));
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private static String attribute(SQSEvent.SQSMessage message, String name) {
        return message.getAttributes() == null ? null : message.getAttributes().get(name);
    }
}
