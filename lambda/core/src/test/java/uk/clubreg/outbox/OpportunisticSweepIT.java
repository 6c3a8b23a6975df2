package uk.clubreg.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.config.Config;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobQueue;
import uk.clubreg.jobs.JobQueueException;
import uk.clubreg.json.Json;
import uk.clubreg.persistence.Database;
import uk.clubreg.testsupport.LogCapture;
import uk.clubreg.testsupport.RowCounts;
import uk.clubreg.testsupport.TestClock;
import uk.clubreg.testsupport.TestPostgres;
import uk.clubreg.testsupport.TestSystems;

/**
 * No schedule sweeps the outbox (docs/decisions/0055-idle-costs-nothing.md): a request that used the database
 * sweeps, at most once a minute per process; a request refused before the database does not; a failed publish raises
 * OutboxPublishFailed, the alarm that starts the sweeper in AWS.
 */
class OpportunisticSweepIT {

    private static final Config CONFIG =
            Config.fromEnvironment(Map.of("API_KEY", "test-api-key", "OUTBOX_SWEEP_AFTER_SECONDS", "0"));
    private static final String INVITATION = """
            {"player_first_name": "Sam", "player_last_name": "Taylor", "parent_tel": "07700 900801",
             "team_name": "U11 Panthers"}""";

    private final Database database = TestPostgres.freshDatabase();
    private final SwitchableQueue queue = new SwitchableQueue();
    private final TestClock clock = new TestClock(Instant.parse("2026-11-02T10:00:00Z"));
    private final RegistrationSystem system = TestSystems.withQueue(CONFIG, database, queue, clock);

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void aRequestSweepsWhatAFailedPublishLeftAtMostOnceAMinute() {
        queue.down = true;
        List<String> lines;
        try (LogCapture logs = LogCapture.capture()) {
            assertThat(call("POST", "/trigger", INVITATION, true)).isEqualTo(201);
            lines = logs.lines();
        }
        queue.down = false;

        clock.advance(Duration.ofSeconds(30));
        call("GET", "/registrations?team_name=U11%20Panthers", null, true);
        long afterHalfAMinute = unpublished();
        clock.advance(Duration.ofSeconds(31));
        call("GET", "/registrations?team_name=U11%20Panthers", null, false);
        long afterARefusedRequest = unpublished();
        call("GET", "/registrations?team_name=U11%20Panthers", null, true);

        assertThat(lines).map(Json::read)
                .filteredOn(line -> "OutboxPublishFailed".equals(line.path("alarm").asText())).isNotEmpty();
        assertThat(afterHalfAMinute).isEqualTo(1);
        assertThat(afterARefusedRequest).isEqualTo(1);
        assertThat(unpublished()).isZero();
        assertThat(queue.published).singleElement().isInstanceOf(Job.SendInvitation.class);
    }

    @Test
    void aJobTheWorkerRanSweepsToo() {
        queue.down = true;
        call("POST", "/trigger", INVITATION, true);
        queue.down = false;
        clock.advance(Duration.ofMinutes(2));

        // A reminder about nobody unfinished: the job succeeds without sending anything.
        system.jobs().handle(new Job.SendReminder("+447700900802", 999_999, List.of(), LocalDate.of(2026, 11, 2)));

        assertThat(unpublished()).isZero();
    }

    private int call(String method, String pathAndQuery, String json, boolean withKey) {
        String[] parts = pathAndQuery.split("\\?", 2);
        Map<String, String> query = parts.length == 1 ? Map.of()
                : Map.of(parts[1].split("=")[0], parts[1].split("=")[1].replace("%20", " "));
        Map<String, String> headers = new LinkedHashMap<>();
        if (withKey) {
            headers.put("x-api-key", "test-api-key");
        }
        if (json != null) {
            headers.put("Content-Type", "application/json");
        }
        return system.router().dispatch(new HttpRequest(method, parts[0], headers, query, json == null ? "" : json,
                "test-request")).status();
    }

    private long unpublished() {
        return RowCounts.count(database, "SELECT count(*) FROM outbox WHERE published_at IS NULL");
    }

    /** A queue that is down until the test says otherwise. */
    private static final class SwitchableQueue implements JobQueue {
        volatile boolean down;
        final List<Job> published = new CopyOnWriteArrayList<>();

        @Override
        public void publish(Job job) {
            if (down) {
                throw new JobQueueException("queue down", new IllegalStateException("down"));
            }
            published.add(job);
        }
    }
}
