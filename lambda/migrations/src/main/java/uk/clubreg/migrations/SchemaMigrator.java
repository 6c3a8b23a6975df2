package uk.clubreg.migrations;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import uk.clubreg.persistence.JdbcUrl;

/**
 * Applies db/migrations (packed into this module's jar) with Flyway. Run against Neon's direct host: Flyway holds
 * a session-level advisory lock, which the transaction-mode pooler cannot keep.
 */
public final class SchemaMigrator {

    static final String LOCATION = "classpath:db/migrations";

    /** What a run did, for the deploy log and the Trigger's response. */
    public record Outcome(int migrationsExecuted, String initialVersion, String currentVersion) {}

    private final JdbcUrl url;

    /** {@code databaseUrl}: postgresql://user:pass@host/db or a JDBC URL. */
    public SchemaMigrator(String databaseUrl) {
        this.url = JdbcUrl.parse(databaseUrl);
    }

    /** Migrates to the latest version; throws on any failure, which fails the deploy. */
    public Outcome migrate() {
        MigrateResult result = Flyway.configure()
                .dataSource(url.jdbcUrl(), url.user(), url.password())
                .locations(LOCATION)
                .failOnMissingLocations(true)
                .validateMigrationNaming(true)
                // A suspended Neon compute takes a few seconds to wake on the first connection.
                .connectRetries(5)
                .connectRetriesInterval(3)
                .load()
                .migrate();
        // Flyway reports no target version when nothing was pending: the schema stayed where it was.
        String current = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        return new Outcome(result.migrationsExecuted, result.initialSchemaVersion, current);
    }
}
