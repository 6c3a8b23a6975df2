package uk.clubreg.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.messaging.MessagingHarness;
import uk.clubreg.testsupport.TestSystems;

/** The worker as deployed: an SQS event through WorkerHandler to the messaging jobs and the Twilio stub. */
class WorkerFunctionIT {

    private static final String PARENT = "+447700900123";

    private final MessagingHarness harness = new MessagingHarness();
    private final WorkerHandler worker = new WorkerHandler(TestSystems.withQueue(harness.config(), harness.database,
            job -> { }, Clock.systemUTC()));

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aSendInvitationJobSendsTheInvitationTemplateToTheParent() {
        long parent = harness.parent(PARENT, "Sam");
        long invitation = harness.invitation(harness.player(parent, harness.conversation(parent, null), "Seb"), "new");
        assertThat(invitation).isEqualTo(1);

        SQSBatchResponse response = worker.handleRequest(EventLoader.loadSQSEvent("payloads/sqs-send-invitation.json"), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(harness.twilio.sentForms()).singleElement().satisfies(form -> assertThat(form)
                .containsEntry("To", "whatsapp:" + PARENT)
                .containsEntry("ContentSid", MessagingHarness.INVITE_SID));
    }

    @Test
    void aTwilioOutageFailsTheJobForSqsToRedeliverAndNothingIsSentTwice() {
        long parent = harness.parent(PARENT, "Sam");
        harness.invitation(harness.player(parent, harness.conversation(parent, null), "Seb"), "new");
        harness.twilio.failsOnceWith(503);

        SQSBatchResponse first = worker.handleRequest(EventLoader.loadSQSEvent("payloads/sqs-send-invitation.json"), null);
        SQSBatchResponse redelivered = worker.handleRequest(EventLoader.loadSQSEvent("payloads/sqs-send-invitation.json"), null);
        worker.handleRequest(EventLoader.loadSQSEvent("payloads/sqs-send-invitation.json"), null);

        assertThat(first.getBatchItemFailures()).hasSize(1);
        assertThat(redelivered.getBatchItemFailures()).isEmpty();
        assertThat(harness.twilio.sentForms()).hasSize(2);
        assertThat(harness.count("SELECT count(*) FROM messages WHERE twilio_sid IS NOT NULL")).isEqualTo(1);
    }
}
