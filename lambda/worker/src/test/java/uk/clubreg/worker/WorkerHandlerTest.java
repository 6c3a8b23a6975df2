package uk.clubreg.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.clubreg.jobs.Backoff;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;
import uk.clubreg.jobs.JobQueue;

/** The FIFO partial-failure rule, on a batch with two parents' messages interleaved (testing/payloads). */
class WorkerHandlerTest {

    private final SQSEvent batch = EventLoader.loadSQSEvent("payloads/sqs-inbound-two-parents.json");
    private final List<Long> handled = new ArrayList<>();
    private final Map<String, Duration> retries = new LinkedHashMap<>();

    /** The schedule's daily warm-up of the worker alias (testing/payloads/warm-up-worker.json): no job, no database. */
    @Test
    void theWarmUpIsAnEmptyBatchThatRunsNoJob() {
        JobHandler<Job> noJob = job -> {
            throw new AssertionError("a warm-up runs no job");
        };
        SQSBatchResponse response = new WorkerHandler(noJob, (JobQueue) job -> {
            throw new AssertionError("a warm-up publishes nothing");
        }, Backoff.DEFAULT).handleRequest(EventLoader.loadSQSEvent("payloads/warm-up-worker.json"), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
    }

    @Test
    void aBatchThatSucceedsReportsNoFailures() {
        SQSBatchResponse response = worker(Set.of()).handleRequest(batch, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(handled).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void afterAFailureTheRestOfThatParentsGroupIsReportedFailedUntriedWhileOtherParentsCarryOn() {
        SQSBatchResponse response = worker(Set.of(3L)).handleRequest(batch, null);

        assertThat(failedIds(response)).containsExactly("msg-3", "msg-4");
        assertThat(handled).containsExactly(1L, 2L, 3L, 5L);
    }

    @Test
    void aFailedJobAndTheRestOfItsGroupComeBackAfterTheBackoffForItsReceiveCountNotTheVisibilityTimeout() {
        batch.getRecords().get(2).getAttributes().put("ApproximateReceiveCount", "3");

        worker(Set.of(3L)).handleRequest(batch, null);

        assertThat(retries).containsExactly(Map.entry("handle-msg-3", Duration.ofSeconds(90)),
                Map.entry("handle-msg-4", Duration.ofSeconds(90)));
    }

    @Test
    void theBackoffGrowsThreefoldFromTenSecondsUpToFifteenMinutes() {
        assertThat(java.util.stream.IntStream.rangeClosed(1, 6).mapToObj(Backoff.DEFAULT::after).toList())
                .containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(90),
                        Duration.ofSeconds(270), Duration.ofSeconds(810), Duration.ofMinutes(15));
    }

    @Test
    void aFailureOfAGroupsFirstMessageHoldsBackThatWholeGroupOnly() {
        SQSBatchResponse response = worker(Set.of(2L)).handleRequest(batch, null);

        assertThat(failedIds(response)).containsExactly("msg-2", "msg-5");
        assertThat(handled).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aMessageThatIsNotAJobFailsOnlyItsGroup() {
        batch.getRecords().get(2).setBody("{\"type\": \"no_such_job\"}");

        SQSBatchResponse response = worker(Set.of()).handleRequest(batch, null);

        assertThat(failedIds(response)).containsExactly("msg-3", "msg-4");
        assertThat(handled).containsExactly(1L, 2L, 5L);
    }

    /** A worker over {@link #failingFor}, whose queue records each retry asked for, by receipt handle. */
    private WorkerHandler worker(Set<Long> failing) {
        JobQueue queue = new JobQueue() {
            @Override
            public void publish(Job job) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void retryAfter(String receipt, Duration delay) {
                retries.put(receipt, delay);
            }
        };
        return new WorkerHandler(failingFor(failing), queue, Backoff.DEFAULT);
    }

    /** Records every job it is given (by message_id) and fails those listed. */
    private JobHandler<Job> failingFor(Set<Long> failing) {
        return job -> {
            long messageId = ((Job.InboundMessage) job).messageId();
            handled.add(messageId);
            if (failing.contains(messageId)) {
                throw new IllegalStateException("Twilio unavailable");
            }
        };
    }

    private static List<String> failedIds(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }
}
