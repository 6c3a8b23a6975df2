package uk.clubreg.api;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.clubreg.api.ApiEvents.event;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.config.Config;
import uk.clubreg.persistence.Database;
import uk.clubreg.testsupport.RowCounts;
import uk.clubreg.testsupport.TestPostgres;
import uk.clubreg.testsupport.TestQueue;
import uk.clubreg.testsupport.TestSystems;

class OutboxSweeperHandlerIT {

    private static final Config CONFIG =
            Config.fromEnvironment(Map.of("API_KEY", "local-dev-key", "OUTBOX_SWEEP_AFTER_SECONDS", "0"));

    /** What CloudWatch sends when OutboxPublishFailed goes into alarm (the parts the handler could read). */
    private static final Map<String, Object> ALARM_EVENT = Map.of("source", "aws.cloudwatch",
            "alarmData", Map.of("alarmName", "OutboxPublishFailed", "state", Map.of("value", "ALARM")));

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
    void anInvitationAcceptedWhileTheQueueIsDownIsDeliveredOnceItIsBack() {
        TestQueue down = TestQueue.unreachable();
        ApiHandler duringOutage = new ApiHandler(TestSystems.withQueue(CONFIG, database, down.jobQueue(), Clock.systemUTC()));

        int status = duringOutage.handleRequest(event("trigger-single.json"), null).getStatusCode();

        assertThat(status).isEqualTo(201);
        assertThat(RowCounts.count(database, "SELECT count(*) FROM outbox WHERE published_at IS NULL")).isEqualTo(1);
        OutboxSweeperHandler sweeper =
                new OutboxSweeperHandler(TestSystems.withQueue(CONFIG, database, queue.jobQueue(), Clock.systemUTC()));
        assertThat(sweeper.handleRequest(ALARM_EVENT, null)).isEqualTo(1);
        assertThat(queue.drain()).hasSize(1);
        assertThat(sweeper.handleRequest(ALARM_EVENT, null)).isZero();
    }
}
