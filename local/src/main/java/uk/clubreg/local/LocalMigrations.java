package uk.clubreg.local;

import org.flywaydb.core.Flyway;

/** Applies db/migrations (packed on the classpath by the migrations module) before the stack takes requests. */
final class LocalMigrations {

    private LocalMigrations() {}

    static void apply(String jdbcUrl) {
        Flyway.configure()
                .dataSource(jdbcUrl, null, null)
                .locations("classpath:db/migrations")
                .load()
                .migrate();
    }
}
