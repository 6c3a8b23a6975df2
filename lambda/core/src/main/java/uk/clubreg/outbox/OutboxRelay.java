package uk.clubreg.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobCodec;
import uk.clubreg.jobs.JobQueue;
import uk.clubreg.jobs.JobQueueException;
import uk.clubreg.logging.Alarm;
import uk.clubreg.persistence.Transactions;

/**
 * Moves committed outbox jobs to the queue. Called right after a commit for the jobs just written, and by the
 * {@link OutboxSweeper} for anything left behind (the queue was down, or the process died between commit and publish).
 * A job may be published twice (crash after publish, before marking); the FIFO deduplication id absorbs that.
 */
public final class OutboxRelay {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final OutboxRepository repository;
    private final Transactions transactions;
    private final JobQueue queue;

    public OutboxRelay(OutboxRepository repository, Transactions transactions, JobQueue queue) {
        this.repository = repository;
        this.transactions = transactions;
        this.queue = queue;
    }

    /**
     * Publishes a job the caller has just committed. A queue failure is logged and left for the sweeper: the caller
     * has succeeded. No row lock or connection is held during the queue call, so a slow queue does not hold up the
     * small connection pool (docs/decisions/0014-outbox-publish-without-holding-a-connection.md). Called inside a
     * transaction (a step of a larger one), it publishes once that transaction has committed.
     */
    public void publish(Outbox.Pending pending) {
        transactions.afterCommit(() -> publishNow(pending));
    }

    private void publishNow(Outbox.Pending pending) {
        try {
            queue.publish(pending.job());
        } catch (JobQueueException e) {
            recordFailure(pending.id(), pending.job(), e);
            return;
        }
        repository.markPublished(pending.id());
    }

    /**
     * Publishes jobs the caller has just committed, in order and in as few queue calls as the queue allows, then
     * marks the published ones in one statement. A job the queue did not take is left for the sweeper.
     */
    public void publishAll(List<Outbox.Pending> pending) {
        if (pending.isEmpty()) {
            return;
        }
        Set<Job> refused = new HashSet<>(queue.publishAll(pending.stream().map(Outbox.Pending::job).toList()));
        List<Long> published = new ArrayList<>(pending.size());
        for (Outbox.Pending entry : pending) {
            if (refused.contains(entry.job())) {
                recordFailure(entry.id(), entry.job(), null);
            } else {
                published.add(entry.id());
            }
        }
        repository.markPublished(published);
    }

    /**
     * Publishes rows still unpublished after {@code olderThan}, oldest first, at most {@code limit}. A row that is
     * not a job is quarantined with an alarm; a row that fails otherwise is left for the next sweep; either way the
     * sweep goes on (docs/decisions/0087-poison-outbox-rows-quarantined.md).
     *
     * @return how many were published
     */
    public int sweep(Duration olderThan, int limit) {
        List<Long> stuck = repository.unpublished(olderThan, limit);
        int published = 0;
        for (long id : stuck) {
            try {
                if (relay(id)) {
                    published++;
                }
            } catch (RuntimeException e) {
                Alarm.OUTBOX_SWEEP_FAILED.raise(LOG.atWarn().setCause(e).addKeyValue("outbox_id", id),
                        "Outbox row not swept; left for the next sweep");
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
        return transactions.inTransaction(() -> repository.lockUnpublished(outboxId).map(row -> {
            Job job;
            try {
                job = row.job();
            } catch (RuntimeException e) {
                repository.quarantine(outboxId, "not a job: " + e.getMessage());
                Alarm.OUTBOX_ROW_QUARANTINED.raise(LOG.atError().addKeyValue("outbox_id", outboxId),
                        "Outbox row is not a job; quarantined");
                return false;
            }
            try {
                queue.publish(job);
            } catch (JobQueueException e) {
                recordFailure(outboxId, job, e);
                return false;
            }
            repository.markPublished(outboxId);
            return true;
        }).orElse(false));
    }

    /** {@code e} is null when the queue refused the job in a batch without an exception. */
    private void recordFailure(long outboxId, Job job, JobQueueException e) {
        Alarm.OUTBOX_PUBLISH_FAILED.raise(LOG.atWarn().addKeyValue("outbox_id", outboxId)
                .addKeyValue("job_type", JobCodec.type(job)), "Queue unavailable; job stays in the outbox for the sweeper");
        repository.recordFailure(outboxId, e == null ? "refused in a batch publish" : String.valueOf(e.getCause()));
    }
}
