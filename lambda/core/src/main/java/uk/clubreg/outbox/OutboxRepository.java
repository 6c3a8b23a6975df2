package uk.clubreg.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobCodec;
import uk.clubreg.persistence.Jdbc;

/** The {@code outbox} table: jobs written with the change that caused them, until the relay publishes them. */
public final class OutboxRepository {

    /** An unpublished row, as the sweeper reads it back. */
    record Row(long id, String groupId, String deduplicationId, String body) {
        Job job() {
            return JobCodec.read(body, groupId, deduplicationId);
        }
    }

    private final Jdbc jdbc;

    public OutboxRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the new row's id, or empty when a job with the same deduplication id was already written */
    Optional<Long> add(Job job) {
        return jdbc.queryOne("""
                INSERT INTO outbox (job_type, message_group_id, deduplication_id, payload)
                VALUES (?, ?, ?, ?::jsonb)
                ON CONFLICT (deduplication_id) DO NOTHING
                RETURNING id""", row -> row.getLong(1), JobCodec.type(job), job.groupId(), job.deduplicationId(),
                JobCodec.body(job));
    }

    /** {@link #add} for several jobs in one statement: each job's new row id, or empty where it was already there. */
    List<Optional<Long>> addAll(List<Job> jobs) {
        Map<String, Long> ids = jdbc.queryList("""
                INSERT INTO outbox (job_type, message_group_id, deduplication_id, payload)
                SELECT job_type, message_group_id, deduplication_id, payload::jsonb
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[])
                     AS k(job_type, message_group_id, deduplication_id, payload)
                ON CONFLICT (deduplication_id) DO NOTHING
                RETURNING deduplication_id, id""", row -> Map.entry(row.getString(1), row.getLong(2)),
                Jdbc.array("text", jobs.stream().map(JobCodec::type).toList()),
                Jdbc.array("text", jobs.stream().map(Job::groupId).toList()),
                Jdbc.array("text", jobs.stream().map(Job::deduplicationId).toList()),
                Jdbc.array("text", jobs.stream().map(JobCodec::body).toList()))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return jobs.stream().map(job -> Optional.ofNullable(ids.remove(job.deduplicationId()))).toList();
    }

    void markPublished(long id) {
        jdbc.update("UPDATE outbox SET published_at = now(), attempts = attempts + 1 WHERE id = ? AND published_at IS NULL",
                id);
    }

    void markPublished(List<Long> ids) {
        if (!ids.isEmpty()) {
            jdbc.update("""
                    UPDATE outbox SET published_at = now(), attempts = attempts + 1
                    WHERE id = ANY (?) AND published_at IS NULL""", Jdbc.bigints(ids));
        }
    }

    void recordFailure(long id, String error) {
        jdbc.update("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?",
                error.length() <= 500 ? error : error.substring(0, 500), id);
    }

    /** A row that is not a job: never swept again. */
    void quarantine(long id, String error) {
        jdbc.update("UPDATE outbox SET quarantined_at = now(), last_error = ? WHERE id = ?",
                error.length() <= 500 ? error : error.substring(0, 500), id);
    }

    /** Rows still unpublished after {@code olderThan}, oldest first (quarantined ones left out). */
    List<Long> unpublished(Duration olderThan, int limit) {
        return jdbc.queryList("""
                SELECT id FROM outbox
                WHERE published_at IS NULL AND quarantined_at IS NULL
                  AND created_at < now() - make_interval(secs => ?)
                ORDER BY id LIMIT ?""", row -> row.getLong(1), olderThan.toSeconds(), limit);
    }

    /** The row while it is still unpublished, locked until the transaction ends; skipped when another holds it. */
    Optional<Row> lockUnpublished(long id) {
        return jdbc.queryOne("""
                SELECT id, message_group_id, deduplication_id, payload::text FROM outbox
                WHERE id = ? AND published_at IS NULL AND quarantined_at IS NULL FOR UPDATE SKIP LOCKED""",
                row -> new Row(row.getLong(1), row.getString(2), row.getString(3), row.getString(4)), id);
    }
}
