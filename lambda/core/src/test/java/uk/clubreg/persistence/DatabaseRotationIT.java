package uk.clubreg.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.config.Config;
import uk.clubreg.testsupport.TestClock;
import uk.clubreg.testsupport.TestPostgres;

/** DATABASE_URL rotated in Secrets Manager reaches the pool without a restart (decision 0080). */
class DatabaseRotationIT {

    private static final String SECRET = "arn:database#DATABASE_URL";

    private final TestClock clock = new TestClock(Instant.parse("2026-09-01T10:00:00Z"));
    private final String first = TestPostgres.freshDatabaseUrl();
    private final String second = TestPostgres.freshDatabaseUrl();
    private final Map<String, String> secrets = new HashMap<>(Map.of(SECRET, first));
    private final Database database = Database.connect(new Config(
            Map.of("DATABASE_URL_SECRET_ARN", "arn:database", "CONFIG_CACHE_SECONDS", "300", "DB_POOL_SIZE", "2"),
            secrets::get, name -> null, clock));

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theNextQueryAfterTheCachedUrlExpiresGoesToTheRotatedDatabase() {
        String before = currentDatabase();
        secrets.put(SECRET, second);

        assertThat(currentDatabase()).as("still cached").isEqualTo(before);
        clock.advance(Duration.ofSeconds(301));

        assertThat(currentDatabase()).isNotEqualTo(before).isEqualTo(name(second));
    }

    @Test
    void aTransactionRunningOnTheReplacedPoolFinishesAndThatPoolIsThenClosed() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch rotated = new CountDownLatch(1);
        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> database.inTransaction(connection -> {
            inside.countDown();
            await(rotated);
            return query(connection);
        }));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        var replaced = (HikariDataSource) database.dataSource();
        secrets.put(SECRET, second);
        clock.advance(Duration.ofSeconds(301));

        assertThat(currentDatabase()).isEqualTo(name(second));
        rotated.countDown();

        assertThat(running.get(10, TimeUnit.SECONDS)).isEqualTo(name(first));
        assertThat(replaced.isClosed()).as("closed only after its transaction").isFalse();
        currentDatabase();
        assertThat(replaced.isClosed()).isTrue();
    }

    private String currentDatabase() {
        return database.withConnection(DatabaseRotationIT::query);
    }

    private static String query(Connection connection) throws SQLException {
        try (var statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT current_database()")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static String name(String url) {
        String path = url.substring(url.lastIndexOf('/') + 1);
        return path.substring(0, path.indexOf('?'));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
