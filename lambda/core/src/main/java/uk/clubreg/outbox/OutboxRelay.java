package uk.clubreg.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobQueue;
import uk.clubreg.jobs.JobQueueException;
import uk.clubreg.persistence.Database;

/**
 * Moves committed outbox jobs to the queue. Called right after a commit for the jobs just written, and by the
 * scheduled sweeper for anything left behind (the queue was down, or the process died between commit and publish).
 * A job may be published twice (crash after publish, before marking); the FIFO deduplication id absorbs that.
 */
public final class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final Database database;
    private final JobQueue queue;

    public OutboxRelay(Database database, JobQueue queue) {
        this.database = database;
        this.queue = queue;
    }

    /**
     * Publishes a job the caller has just committed. A queue failure is logged and left for the sweeper: the caller
     * has succeeded. No row lock or connection is held during the queue call, so a slow queue does not hold up the
     * small connection pool; the sweeper only takes rows older than OUTBOX_SWEEP_AFTER_SECONDS, and a rare double
     * publish is absorbed by the FIFO deduplication id.
     */
    public void publish(Outbox.Pending pending) {
        try {
            queue.publish(pending.job());
        } catch (JobQueueException e) {
            database.withConnection(connection -> recordFailure(connection, pending.id(), pending.job(), e));
            return;
        }
        database.withConnection(connection -> {
            try (PreparedStatement done = connection.prepareStatement(
                    "UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE id = ? AND published_at IS NULL")) {
                done.setLong(1, pending.id());
                return done.executeUpdate();
            }
        });
    }

    private static int recordFailure(Connection connection, long outboxId, Job job, JobQueueException e)
            throws SQLException {
        LOG.atWarn().addKeyValue("outbox_id", outboxId).addKeyValue("job_type", job.type().wireName())
                .log("Queue unavailable; job stays in the outbox for the sweeper");
        try (PreparedStatement failed = connection.prepareStatement(
                "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?")) {
            failed.setString(1, truncate(String.valueOf(e.getCause()), 500));
            failed.setLong(2, outboxId);
            return failed.executeUpdate();
        }
    }

    /**
     * Publishes rows still unpublished after {@code olderThan}, oldest first, at most {@code limit}.
     *
     * @return how many were published
     */
    public int sweep(Duration olderThan, int limit) {
        List<Long> stuck = database.withConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id FROM outbox
                    WHERE published_at IS NULL AND created_at < now() - make_interval(secs => ?)
                    ORDER BY id LIMIT ?""")) {
                select.setLong(1, olderThan.toSeconds());
                select.setInt(2, limit);
                List<Long> ids = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
                return ids;
            }
        });
        int published = 0;
        for (long id : stuck) {
            if (relay(id)) {
                published++;
            }
        }
        if (!stuck.isEmpty()) {
            LOG.atInfo().addKeyValue("stuck", stuck.size()).addKeyValue("published", published)
                    .log("Outbox sweep finished");
        }
        return published;
    }

    /** The sweeper's relay: the row lock keeps two sweeps from sending the same job. */
    private boolean relay(long outboxId) {
        // Row lock: a concurrent relay of the same row waits, then sees it published and skips it.
        return database.inTransaction(connection -> {
            Job job;
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT job_type, message_group_id, deduplication_id, payload::text FROM outbox
                    WHERE id = ? AND published_at IS NULL FOR UPDATE SKIP LOCKED""")) {
                select.setLong(1, outboxId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return false;
                    }
                    job = Job.fromBody(row.getString(4), row.getString(2), row.getString(3));
                }
            }
            try {
                queue.publish(job);
            } catch (JobQueueException e) {
                recordFailure(connection, outboxId, job, e);
                return false;
            }
            try (PreparedStatement done = connection.prepareStatement(
                    "UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE id = ?")) {
                done.setLong(1, outboxId);
                done.executeUpdate();
            }
            return true;
        });
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
