package uk.clubreg.worker;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobCodec;
import uk.clubreg.jobs.JobHandler;
import uk.clubreg.logging.RequestContext;

/**
 * The worker function: runs each SQS job and reports partial batch failures. FIFO order is kept: once a job of a
 * message group fails, the rest of that group in the batch is reported failed too, untried, so it is redelivered
 * after the failed one and never overtakes it.
 */
public final class WorkerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerHandler.class);

    private final JobHandler<Job> jobs;

    public WorkerHandler() {
        this(WorkerFunction.shared().jobs());
    }

    public WorkerHandler(JobHandler<Job> jobs) {
        this.jobs = jobs;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        Set<String> failedGroups = new HashSet<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            String group = attribute(message, "MessageGroupId");
            if (failedGroups.contains(group)) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                continue;
            }
            if (!run(message, group)) {
                failedGroups.add(group);
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private boolean run(SQSEvent.SQSMessage message, String group) {
        try (RequestContext ignored = RequestContext.open(message.getMessageId(), "job")) {
            long started = System.nanoTime();
            try {
                Job job = JobCodec.read(message.getBody(), group, attribute(message, "MessageDeduplicationId"));
                MDC.put("job_type", JobCodec.type(job));
                jobs.handle(job);
                LOG.atInfo().addKeyValue("latency_ms", (System.nanoTime() - started) / 1_000_000.0)
                        .addKeyValue("receive_count", attribute(message, "ApproximateReceiveCount"))
                        .log("Job done");
                return true;
            } catch (RuntimeException e) {
                LOG.atWarn().setCause(e).addKeyValue("receive_count", attribute(message, "ApproximateReceiveCount"))
                        .log("Job failed; it will be redelivered");
                return false;
            }
        }
    }

    private static String attribute(SQSEvent.SQSMessage message, String name) {
        return message.getAttributes() == null ? null : message.getAttributes().get(name);
    }
}
