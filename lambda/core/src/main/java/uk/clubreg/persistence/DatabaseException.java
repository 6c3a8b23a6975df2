package uk.clubreg.persistence;

import java.sql.SQLException;

/** The database failed or was unreachable. Callers answer 503 or let the job be retried; nothing is half-written. */
public final class DatabaseException extends RuntimeException {

    private final String sqlState;

    public DatabaseException(SQLException cause) {
        super("Database error (SQLState " + cause.getSQLState() + ")", cause);
        this.sqlState = cause.getSQLState();
    }

    public String sqlState() {
        return sqlState;
    }

    /** A data exception (SQLSTATE class 22, e.g. a NUL in text): the value was refused, the database is fine. */
    public boolean refusedTheValue() {
        return sqlState != null && sqlState.startsWith("22");
    }
}
