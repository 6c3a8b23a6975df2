package uk.clubreg.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobType;
import uk.clubreg.persistence.Database;
import uk.clubreg.testsupport.TestPostgres;
import uk.clubreg.testsupport.TestQueue;

class OutboxRelayTest {

    private Database database;
    private TestQueue queue;

    @BeforeEach
    void start() {
        database = TestPostgres.freshDatabase();
        queue = TestQueue.start();
    }

    @AfterEach
    void stop() {
        database.close();
        queue.close();
    }

    @Test
    void aCommittedJobIsPublishedWithItsGroupAndDeduplicationIds() {
        Outbox.Pending job = write(Job.of(JobType.SEND_INVITATION, "+447700900001", "invitation:1").with("invitation_id", 1));

        new OutboxRelay(database, queue.jobQueue()).publish(job);

        List<Message> messages = queue.drain();
        assertThat(messages).hasSize(1);
        Job received = Job.fromBody(messages.getFirst().body(), "g", "d");
        assertThat(received.type()).isEqualTo(JobType.SEND_INVITATION);
        assertThat(received.payload().path("invitation_id").asLong()).isEqualTo(1);
        assertThat(messages.getFirst().attributesAsStrings())
                .containsEntry("MessageGroupId", "+447700900001")
                .containsEntry("MessageDeduplicationId", "invitation:1");
        assertThat(unpublishedCount()).isZero();
    }

    @Test
    void aJobWrittenWhileTheQueueIsDownIsPublishedByTheSweeperOnceItIsBack() {
        TestQueue down = TestQueue.start();
        OutboxRelay relayToDownQueue = new OutboxRelay(database, down.jobQueue());
        down.stop();
        Outbox.Pending job = write(Job.of(JobType.SEND_INVITATION, "+447700900002", "invitation:2").with("invitation_id", 2));

        relayToDownQueue.publish(job);
        assertThat(unpublishedCount()).isEqualTo(1);

        int swept = new OutboxRelay(database, queue.jobQueue()).sweep(Duration.ZERO, 100);

        assertThat(swept).isEqualTo(1);
        assertThat(queue.drain()).hasSize(1);
        assertThat(unpublishedCount()).isZero();
    }

    @Test
    void theSameDeduplicationIdIsOneOutboxRow() {
        Job job = Job.of(JobType.SEND_INVITATION, "+447700900003", "invitation:3");
        write(job);

        boolean secondInserted = database.inTransaction(tx -> new Outbox().add(tx, job).isPresent());

        assertThat(secondInserted).isFalse();
    }

    private Outbox.Pending write(Job job) {
        return database.inTransaction(tx -> new Outbox().add(tx, job).orElseThrow());
    }

    private long unpublishedCount() {
        return database.withConnection(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM outbox WHERE published_at IS NULL")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
