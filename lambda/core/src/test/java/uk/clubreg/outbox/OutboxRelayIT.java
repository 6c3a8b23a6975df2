package uk.clubreg.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobCodec;
import uk.clubreg.persistence.Database;
import uk.clubreg.testsupport.LogCapture;
import uk.clubreg.testsupport.Repositories;
import uk.clubreg.testsupport.TestPostgres;
import uk.clubreg.testsupport.TestQueue;

class OutboxRelayIT {

    private Database database;
    private Repositories repositories;
    private TestQueue queue;

    @BeforeEach
    void start() {
        database = TestPostgres.freshDatabase();
        repositories = Repositories.of(database);
        queue = TestQueue.start();
    }

    @AfterEach
    void stop() {
        database.close();
        queue.close();
    }

    @Test
    void aCommittedJobIsPublishedWithItsGroupAndDeduplicationIds() {
        Outbox.Pending job = write(new Job.SendInvitation("+447700900001", 1, 0));

        repositories.relay(queue.jobQueue()).publish(job);

        List<Message> messages = queue.drain();
        assertThat(messages).hasSize(1);
        Job received = JobCodec.read(messages.getFirst().body(), "g", "d");
        assertThat(received).isInstanceOfSatisfying(Job.SendInvitation.class,
                send -> assertThat(send.invitationId()).isEqualTo(1));
        assertThat(messages.getFirst().attributesAsStrings())
                .containsEntry("MessageGroupId", "+447700900001")
                .containsEntry("MessageDeduplicationId", "invitation:1");
        assertThat(unpublishedCount()).isZero();
    }

    @Test
    void aJobPublishedFromInsideALargerTransactionGoesToTheQueueOnlyOnceThatTransactionCommits() {
        OutboxRelay relay = repositories.relay(queue.jobQueue());

        int queuedBeforeTheCommit = database.inTransaction(() -> {
            relay.publish(write(new Job.SendInvitation("+447700900003", 3, 0)));
            return queue.drain().size();
        });

        assertThat(queuedBeforeTheCommit).isZero();
        assertThat(queue.drain()).hasSize(1);
        assertThat(unpublishedCount()).isZero();
    }

    @Test
    void aJobOfATransactionThatRollsBackIsNeverPublished() {
        OutboxRelay relay = repositories.relay(queue.jobQueue());

        Runnable failsAfterPublishing = () -> {
            relay.publish(write(new Job.SendInvitation("+447700900004", 4, 0)));
            throw new IllegalStateException("rolled back");
        };

        assertThatThrownBy(() -> database.inTransaction(failsAfterPublishing)).hasMessage("rolled back");

        assertThat(queue.drain()).isEmpty();
        assertThat(unpublishedCount()).isZero();
    }

    @Test
    void aRowThatIsNotAJobIsQuarantinedWithAnAlarmAndTheSweepGoesOnToTheRowsAfterIt() {
        database.withConnection(c -> c.createStatement().executeUpdate("""
                INSERT INTO outbox (job_type, message_group_id, deduplication_id, payload)
                VALUES ('no_such_job', '+447700900005', 'poison:1', '{"type": "no_such_job"}')"""));
        write(new Job.SendInvitation("+447700900006", 6, 0));

        int swept;
        try (LogCapture logs = LogCapture.capture()) {
            swept = repositories.relay(queue.jobQueue()).sweep(Duration.ZERO, 100);

            assertThat(logs.lines()).anyMatch(line -> line.contains("\"alarm\":\"OutboxRowQuarantined\""));
        }

        assertThat(swept).isEqualTo(1);
        assertThat(queue.drain()).singleElement().satisfies(message -> assertThat(message.body())
                .contains("send_invitation"));
        boolean quarantined = database.withConnection(c -> {
            try (var rs = c.createStatement().executeQuery(
                    "SELECT quarantined_at IS NOT NULL FROM outbox WHERE deduplication_id = 'poison:1'")) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
        assertThat(quarantined).isTrue();
        assertThat(repositories.relay(queue.jobQueue()).sweep(Duration.ZERO, 100)).isZero();
    }

    @Test
    void aSweepThatFailsRaisesItsAlarmAndLeavesTheJobsForTheNextOne() {
        write(new Job.SendInvitation("+447700900007", 7, 0));
        OutboxSweeper sweeper = new OutboxSweeper(repositories.relay(queue.jobQueue()), Duration.ZERO,
                java.time.Clock.systemUTC());
        database.close();

        try (LogCapture logs = LogCapture.capture()) {
            assertThat(sweeper.sweepIfDue()).isZero();

            assertThat(logs.lines()).anyMatch(line -> line.contains("\"alarm\":\"OutboxSweepErrors\""));
        }
        assertThat(queue.drain()).isEmpty();
    }

    @Test
    void aJobWrittenWhileTheQueueIsDownIsPublishedByTheSweeperOnceItIsBack() {
        OutboxRelay relayToDownQueue = repositories.relay(TestQueue.unreachable().jobQueue());
        Outbox.Pending job = write(new Job.SendInvitation("+447700900002", 2, 0));

        relayToDownQueue.publish(job);
        assertThat(unpublishedCount()).isEqualTo(1);

        int swept = repositories.relay(queue.jobQueue()).sweep(Duration.ZERO, 100);

        assertThat(swept).isEqualTo(1);
        assertThat(queue.drain()).hasSize(1);
        assertThat(unpublishedCount()).isZero();
    }

    @Test
    void aBatchOfCommittedJobsIsPublishedInOrderAndMarkedInOneGo() {
        List<Outbox.Pending> jobs = new java.util.ArrayList<>();
        for (int i = 1; i <= 23; i++) {
            jobs.add(write(new Job.SendInvitation("+447700900004", 100 + i, 0)));
        }

        repositories.relay(queue.jobQueue()).publishAll(jobs);

        List<Long> received = new java.util.ArrayList<>();
        for (List<Message> batch = queue.drain(); !batch.isEmpty(); batch = queue.drain()) {
            batch.forEach(m -> received.add(((Job.SendInvitation) JobCodec.read(m.body(), "g", "d")).invitationId()));
        }
        assertThat(received).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(101, 123).boxed().toList());
        assertThat(unpublishedCount()).isZero();
    }

    @Test
    void aBatchTheQueueCannotTakeStaysInTheOutboxForTheSweeper() {
        List<Outbox.Pending> jobs = List.of(write(new Job.SendInvitation("+447700900005", 5, 0)),
                write(new Job.SendInvitation("+447700900006", 6, 0)));

        repositories.relay(TestQueue.unreachable().jobQueue()).publishAll(jobs);

        assertThat(unpublishedCount()).isEqualTo(2);
        assertThat(repositories.relay(queue.jobQueue()).sweep(Duration.ZERO, 100)).isEqualTo(2);
    }

    @Test
    void theSameDeduplicationIdIsOneOutboxRow() {
        Job job = new Job.SendInvitation("+447700900003", 3, 0);
        write(job);

        boolean secondInserted = database.inTransaction(() -> repositories.outbox().add(job).isPresent());

        assertThat(secondInserted).isFalse();
    }

    private Outbox.Pending write(Job job) {
        return database.inTransaction(() -> repositories.outbox().add(job).orElseThrow());
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
