package uk.clubreg.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import uk.clubreg.jobs.Job;

/** Writes a job in the caller's transaction, so the job exists exactly when the change that caused it does. */
public final class Outbox {

    /** A job written to the outbox in a transaction not yet published: what the relay sends after the commit. */
    public record Pending(long id, Job job) {}

    /**
     * Adds the job unless one with the same deduplication id exists.
     *
     * @return the new outbox entry, or empty when the job was already there
     */
    public Optional<Pending> add(Connection transaction, Job job) throws SQLException {
        try (PreparedStatement insert = transaction.prepareStatement("""
                INSERT INTO outbox (job_type, message_group_id, deduplication_id, payload)
                VALUES (?, ?, ?, ?::jsonb)
                ON CONFLICT (deduplication_id) DO NOTHING
                RETURNING id""")) {
            insert.setString(1, job.type().wireName());
            insert.setString(2, job.groupId());
            insert.setString(3, job.deduplicationId());
            insert.setString(4, job.body());
            try (ResultSet rows = insert.executeQuery()) {
                return rows.next() ? Optional.of(new Pending(rows.getLong(1), job)) : Optional.empty();
            }
        }
    }
}
