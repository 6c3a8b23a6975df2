package uk.clubreg.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;

/** The FIFO partial-failure rule, on a batch with two parents' messages interleaved (testing/payloads). */
class WorkerHandlerTest {

    private final SQSEvent batch = EventLoader.loadSQSEvent("payloads/sqs-inbound-two-parents.json");
    private final List<Long> handled = new ArrayList<>();

    @Test
    void aBatchThatSucceedsReportsNoFailures() {
        SQSBatchResponse response = new WorkerHandler(failingFor(Set.of())).handleRequest(batch, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(handled).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void afterAFailureTheRestOfThatParentsGroupIsReportedFailedUntriedWhileOtherParentsCarryOn() {
        SQSBatchResponse response = new WorkerHandler(failingFor(Set.of(3L))).handleRequest(batch, null);

        assertThat(failedIds(response)).containsExactly("msg-3", "msg-4");
        assertThat(handled).containsExactly(1L, 2L, 3L, 5L);
    }

    @Test
    void aFailureOfAGroupsFirstMessageHoldsBackThatWholeGroupOnly() {
        SQSBatchResponse response = new WorkerHandler(failingFor(Set.of(2L))).handleRequest(batch, null);

        assertThat(failedIds(response)).containsExactly("msg-2", "msg-5");
        assertThat(handled).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aMessageThatIsNotAJobFailsOnlyItsGroup() {
        batch.getRecords().get(2).setBody("{\"type\": \"no_such_job\"}");

        SQSBatchResponse response = new WorkerHandler(failingFor(Set.of())).handleRequest(batch, null);

        assertThat(failedIds(response)).containsExactly("msg-3", "msg-4");
        assertThat(handled).containsExactly(1L, 2L, 5L);
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
