package uk.clubreg.migrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;
import uk.clubreg.config.Config;
import uk.clubreg.config.MissingSettingException;
import uk.clubreg.testsupport.TestPostgres;

class MigrationHandlerIT {

    @Test
    void migratesAnEmptyDatabaseToTheLatestSchema() throws SQLException, IOException {
        String url = TestPostgres.emptyDatabaseUrl();

        String summary = handlerWith(Map.of("DATABASE_DIRECT_URL", url)).handleRequest(Map.of(), null);

        assertThat(summary).contains("Schema at version " + latestVersionInDbMigrations());
        assertThat(tablesIn(url)).contains("parents", "conversations", "players", "invitations", "messages", "outbox");
    }

    @Test
    void secondRunAppliesNothing() {
        String url = TestPostgres.emptyDatabaseUrl();
        SchemaMigrator migrator = new SchemaMigrator(url);
        SchemaMigrator.Outcome first = migrator.migrate();

        SchemaMigrator.Outcome second = migrator.migrate();

        assertThat(first.migrationsExecuted()).isPositive();
        assertThat(second.migrationsExecuted()).isZero();
        assertThat(second.currentVersion()).isEqualTo(first.currentVersion());
    }

    @Test
    void fallsBackToDatabaseUrlWhenNoDirectUrlIsSet() throws SQLException {
        String url = TestPostgres.emptyDatabaseUrl();

        handlerWith(Map.of("DATABASE_URL", url)).handleRequest(Map.of(), null);

        assertThat(tablesIn(url)).contains("outbox");
    }

    @Test
    void acceptsAPostgresqlUrlWithCredentials() throws SQLException {
        String jdbcUrl = TestPostgres.emptyDatabaseUrl();
        Matcher credentials = Pattern.compile("jdbc:postgresql://([^?]+)\\?user=([^&]+)&password=(.+)").matcher(jdbcUrl);
        assertThat(credentials.matches()).isTrue();
        String postgresqlUrl = "postgresql://" + credentials.group(2) + ":" + credentials.group(3) + "@" + credentials.group(1);

        new SchemaMigrator(postgresqlUrl).migrate();

        assertThat(tablesIn(jdbcUrl)).contains("players");
    }

    @Test
    void throwsWhenAMigrationFailsSoTheDeployFails() throws SQLException {
        String url = TestPostgres.emptyDatabaseUrl();
        execute(url, "CREATE TABLE parents (id int)");

        assertThatThrownBy(() -> handlerWith(Map.of("DATABASE_DIRECT_URL", url)).handleRequest(Map.of(), null))
                .isInstanceOf(FlywayException.class);
    }

    @Test
    void throwsWhenNoDatabaseUrlIsConfigured() {
        assertThatThrownBy(() -> handlerWith(Map.of()).handleRequest(Map.of(), null))
                .isInstanceOf(MissingSettingException.class);
    }

    private static MigrationHandler handlerWith(Map<String, String> environment) {
        return new MigrationHandler(Config.fromEnvironment(environment));
    }

    private static List<String> tablesIn(String url) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(url);
             ResultSet rows = connection.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
            while (rows.next()) {
                tables.add(rows.getString("TABLE_NAME"));
            }
        }
        return tables;
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The highest V<n>__*.sql in db/migrations (Surefire runs in lambda/migrations). */
    private static int latestVersionInDbMigrations() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../../db/migrations"))) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.matches("V\\d+__.*\\.sql"))
                    .mapToInt(name -> Integer.parseInt(name.substring(1, name.indexOf("__")))).max().orElseThrow();
        }
    }
}
