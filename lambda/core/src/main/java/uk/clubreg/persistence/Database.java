package uk.clubreg.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import javax.sql.DataSource;
import uk.clubreg.config.Config;
import uk.clubreg.config.Rotating;
import uk.clubreg.config.Setting;

/**
 * The JDBC pool. Small (1-2 connections per Lambda instance) and free of session state, so Neon's
 * transaction-mode pooler works: no server-side prepared statements, no SET, no advisory session locks.
 *
 * <p>A transaction is bound to the thread that opened it: {@link #withConnection} inside {@link #inTransaction}
 * uses the transaction's connection, so repositories take part without passing it around.
 *
 * <p>The pool is built on first use from DATABASE_URL and DB_POOL_SIZE, and rebuilt when either reads differently
 * (a rotated password, a moved database: docs/decisions/0080-rotation-one-mechanism.md). A replaced pool lends no
 * more connections and is closed once the transactions still running on it have returned theirs.
 */
public final class Database implements Transactions, AutoCloseable {

    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Rotating<HikariDataSource> pool;
    private final Queue<HikariDataSource> replaced;
    private final ThreadLocal<Connection> transaction = new ThreadLocal<>();
    private final ThreadLocal<List<Runnable>> afterCommit = new ThreadLocal<>();
    private volatile boolean closed;

    private Database(Rotating<HikariDataSource> pool, Queue<HikariDataSource> replaced) {
        this.pool = pool;
        this.replaced = replaced;
    }

    /** The pool for DATABASE_URL, sized by DB_POOL_SIZE, rebuilt when either changes. */
    public static Database connect(Config config) {
        Queue<HikariDataSource> replaced = new ConcurrentLinkedQueue<>();
        Rotating<HikariDataSource> pool = Rotating.of(config,
                () -> pool(config.require(Setting.DATABASE_URL), config.getInt(Setting.DB_POOL_SIZE)),
                old -> {
                    retire(old);
                    replaced.add(old);
                },
                Setting.DATABASE_URL, Setting.DB_POOL_SIZE);
        return new Database(pool, replaced);
    }

    /** A pool for one fixed URL (tests, tools). */
    public static Database connect(String databaseUrl, int poolSize) {
        return connect(Config.fromEnvironment(Map.of(Setting.DATABASE_URL.name(), databaseUrl,
                Setting.DB_POOL_SIZE.name(), String.valueOf(poolSize))));
    }

    private static HikariDataSource pool(String databaseUrl, int poolSize) {
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
        return new HikariDataSource(config);
    }

    /** Idle connections close now; busy ones close when returned, so no running transaction is cut off. */
    private static void retire(HikariDataSource old) {
        HikariPoolMXBean connections = old.getHikariPoolMXBean();
        if (connections != null) {
            connections.softEvictConnections();
        }
    }

    /** A connection from the pool for the current settings; closes replaced pools that nothing uses any more. */
    private Connection borrow() throws SQLException {
        if (closed) {
            throw new SQLException("The database pool is closed");
        }
        HikariDataSource current = pool.get();
        replaced.removeIf(old -> {
            HikariPoolMXBean connections = old.getHikariPoolMXBean();
            if (connections == null || connections.getActiveConnections() == 0) {
                old.close();
                return true;
            }
            return false;
        });
        return current.getConnection();
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
        try (Connection connection = borrow()) {
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
        try (Connection connection = borrow()) {
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

    /**
     * One read-only round trip, as the repositories make them: a prepared statement with a bound parameter, in a
     * transaction (SnapStart priming loads the driver's and the pool's classes with it).
     */
    public void ping() {
        inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT ?")) {
                statement.setInt(1, 1);
                try (ResultSet row = statement.executeQuery()) {
                    return row.next();
                }
            }
        });
    }

    /** The pool for the current settings. */
    public DataSource dataSource() {
        return pool.get();
    }

    /**
     * Closes every pooled connection (SnapStart: before the snapshot and after a restore). Reads no setting and
     * builds no pool: there is nothing to close before the first use.
     */
    public void evictConnections() {
        pool.built().ifPresent(Database::retire);
    }

    @Override
    public void close() {
        closed = true;
        pool.built().ifPresent(HikariDataSource::close);
        replaced.forEach(HikariDataSource::close);
        replaced.clear();
    }
}
