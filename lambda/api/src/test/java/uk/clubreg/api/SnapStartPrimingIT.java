package uk.clubreg.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.config.Config;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobQueue;
import uk.clubreg.persistence.Database;
import uk.clubreg.testsupport.RowCounts;
import uk.clubreg.testsupport.TestPostgres;
import uk.clubreg.testsupport.TestSystems;

class SnapStartPrimingIT {

    private Database database;
    private Database audit;
    private final List<Job> published = new ArrayList<>();

    @BeforeEach
    void start() {
        String url = TestPostgres.freshDatabaseUrl();
        database = Database.connect(url, 2);
        audit = Database.connect(url, 1);
    }

    @AfterEach
    void stop() {
        database.close();
        audit.close();
    }

    @Test
    void primingBeforeTheSnapshotTouchesTheDatabaseButWritesAndPublishesNothing() {
        JobQueue recording = published::add;
        RegistrationSystem system = TestSystems.withQueue(Config.fromEnvironment(Map.of("API_KEY", "k")), database,
                recording, Clock.systemUTC());
        Map<String, Long> before = RowCounts.of(audit);

        ApiFunction.prime(system);

        assertThat(((HikariDataSource) database.dataSource()).getHikariPoolMXBean().getTotalConnections())
                .as("the JDBC path was exercised").isPositive();
        assertThat(RowCounts.of(audit)).isEqualTo(before);
        assertThat(published).isEmpty();
    }
}
