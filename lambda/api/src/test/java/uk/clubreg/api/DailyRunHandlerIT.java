package uk.clubreg.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;
import static uk.clubreg.api.ApiEvents.event;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.config.Config;
import uk.clubreg.persistence.Database;
import uk.clubreg.testsupport.TestClock;
import uk.clubreg.testsupport.TestPostgres;
import uk.clubreg.testsupport.TestQueue;
import uk.clubreg.testsupport.TestSystems;

/** The schedule's invocation: the counts of every step, and a failed invocation when a step failed. */
class DailyRunHandlerIT {

    private static final Config CONFIG = Config.fromEnvironment(Map.of("API_KEY", "local-dev-key"));

    private final TestClock clock = new TestClock(Instant.parse("2026-11-02T10:00:00Z"));
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
    void aScheduledRunAnswersEveryStepsCounts() {
        RegistrationSystem system = TestSystems.withQueue(CONFIG, database, queue.jobQueue(), clock);
        new ApiHandler(system).handleRequest(event("trigger-single.json"), null);
        queue.drain();
        clock.set(Instant.parse("2026-11-05T10:00:00Z"));

        Map<String, Object> counts = new DailyRunHandler(system).handleRequest(new ScheduledEvent().withId("d-1"), null);

        assertThat(counts).containsEntry("ok", true).containsEntry("day", "2026-11-05")
                .containsKeys("seasons", "hand_offs", "chasers", "weekly_summaries");
        assertThat(counts.get("chasers")).asInstanceOf(MAP)
                .containsEntry("sent", 1);
        assertThat(queue.drain()).hasSize(1);
    }

    @Test
    void aRunWhoseStepsFailFailsTheInvocationSoTheScheduleRetriesIt() {
        RegistrationSystem system = TestSystems.withQueue(CONFIG, database, queue.jobQueue(), clock);
        database.close();

        assertThatThrownBy(() -> new DailyRunHandler(system).handleRequest(new ScheduledEvent().withId("d-2"), null))
                .hasMessageContaining("seasons, hand_offs, chasers, weekly_summaries");
    }
}
