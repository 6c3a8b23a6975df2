package uk.clubreg.local;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The embedded PostgreSQL (zonky: real server binaries, no installation). Its data directory survives restarts,
 * so invitations made in one session are still there in the next.
 */
public final class LocalPostgres implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    public static LocalPostgres start(Path dataDirectory) {
        return start(dataDirectory, 0);
    }

    /** {@code port} 0 picks a free one. */
    private static LocalPostgres start(Path dataDirectory, int port) {
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false);
            if (port != 0) {
                builder.setPort(port);
            }
            return new LocalPostgres(builder.start(), dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDirectory, e);
        }
    }

    /**
     * The chaos suite's database outage (docs/reliability.md): this server stops, and after {@code down} a new one
     * starts on the same data and port, so clients reconnect with the same URL.
     */
    public LocalPostgres restartedAfter(Duration down) throws InterruptedException {
        int port = postgres.getPort();
        close();
        Thread.sleep(down);
        return start(dataDirectory, port);
    }

    /** A JDBC URL with credentials, as DATABASE_URL takes it. */
    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres") + "&password=postgres";
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop the embedded PostgreSQL", e);
        }
    }
}
