package uk.clubreg.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;

/**
 * The JDBC pool. Small (1-2 connections per Lambda instance) and free of session state, so Neon's
 * transaction-mode pooler works: no server-side prepared statements, no SET, no advisory session locks.
 *
 * <p>A transaction is bound to the thread that opened it: {@link #withConnection} inside {@link #inTransaction}
 * uses the transaction's connection, so repositories take part without passing it around.
 */
public final class Database implements Transactions, AutoCloseable {

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final HikariDataSource dataSource;
    private final ThreadLocal<Connection> transaction = new ThreadLocal<>();
    private final ThreadLocal<List<Runnable>> afterCommit = new ThreadLocal<>();

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static Database connect(String databaseUrl, int poolSize) {
        JdbcUrl url = JdbcUrl.parse(databaseUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        if (url.user() != null) {
            config.setUsername(url.user());
            config.setPassword(url.password());
        }
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(5_000);
        config.setIdleTimeout(60_000);
        config.setMaxLifetime(300_000);
        config.setPoolName("registration");
        // Connections are opened on first use, not at start-up: nothing to capture in a SnapStart snapshot.
        config.setInitializationFailTimeout(-1);
        config.addDataSourceProperty("prepareThreshold", "0");
        config.addDataSourceProperty("ApplicationName", "club-registration");
        return new Database(new HikariDataSource(config));
    }

    /** The pool for DATABASE_URL, sized by DB_POOL_SIZE. */
    public static Database connect(Config config) {
        return connect(config.require(Setting.DATABASE_URL), config.getInt(Setting.DB_POOL_SIZE));
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return inTransaction(connection -> work.get());
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(SqlWork<T> work) {
        Connection open = transaction.get();
        if (open != null) {
            return run(work, open);
        }
        List<Runnable> committed = new ArrayList<>();
        T result;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            transaction.set(connection);
            afterCommit.set(committed);
            try {
                result = work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                transaction.remove();
                afterCommit.remove();
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
        committed.forEach(Runnable::run);
        return result;
    }

    @Override
    public void afterCommit(Runnable action) {
        List<Runnable> open = afterCommit.get();
        if (open == null) {
            action.run();
        } else {
            open.add(action);
        }
    }

    /** Runs {@code work} on this thread's transaction, or else on an auto-commit connection (single statements). */
    public <T> T withConnection(SqlWork<T> work) {
        Connection open = transaction.get();
        if (open != null) {
            return run(work, open);
        }
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    private static <T> T run(SqlWork<T> work, Connection connection) {
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new DatabaseException(e);
        }
    }

    /** One round trip (SnapStart priming loads the driver's classes with it). */
    public void ping() {
        withConnection(connection -> {
            try (var statement = connection.createStatement()) {
                return statement.execute("SELECT 1");
            }
        });
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /** Closes every pooled connection (SnapStart: before the snapshot and after a restore). */
    public void evictConnections() {
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        if (pool != null) {
            pool.softEvictConnections();
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
