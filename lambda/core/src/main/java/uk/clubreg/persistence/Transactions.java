package uk.clubreg.persistence;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction. Repositories called inside it share its connection, so a service can
 * write to several aggregates atomically without touching JDBC itself.
 */
public interface Transactions {

    /** Runs {@code work} in one transaction (joining one already open on this thread): committed when it returns. */
    <T> T inTransaction(Supplier<T> work);

    /**
     * Runs {@code action} once the transaction open on this thread has committed, after its connection is back in
     * the pool (never when it rolls back); at once when none is open. For what must not happen before the commit,
     * such as publishing a job written in it.
     */
    void afterCommit(Runnable action);

    default void inTransaction(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
