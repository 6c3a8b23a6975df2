package uk.clubreg.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.logging.Alarm;

/**
 * When the outbox is swept (docs/decisions/0055-idle-costs-nothing.md): never on a schedule of its own. A request or
 * job that has used the database anyway sweeps at most once per {@link #EVERY} in this process
 * ({@link #sweepIfDue()}); a publish failure raises OutboxPublishFailed, whose alarm starts the sweeper function; the
 * daily run sweeps too ({@link #sweep()}).
 */
public final class OutboxSweeper {

    /** At most one opportunistic sweep per process in this time. */
    public static final Duration EVERY = Duration.ofMinutes(1);
    /** Enough for a long outage's backlog; the next sweep takes the rest. */
    static final int BATCH_LIMIT = 500;

    private static final Logger LOG = LoggerFactory.getLogger(OutboxSweeper.class);

    private final OutboxRelay relay;
    private final Duration olderThan;
    private final Clock clock;
    private final AtomicReference<Instant> lastSweep = new AtomicReference<>(Instant.MIN);

    /** {@code olderThan}: OUTBOX_SWEEP_AFTER_SECONDS, so a job its own relay is publishing is left to it. */
    public OutboxSweeper(OutboxRelay relay, Duration olderThan, Clock clock) {
        this.relay = relay;
        this.olderThan = olderThan;
        this.clock = clock;
    }

    /** Publishes what is left in the outbox now. @return how many jobs were published */
    public int sweep() {
        lastSweep.set(clock.instant());
        return relay.sweep(olderThan, BATCH_LIMIT);
    }

    /**
     * Sweeps unless this process swept in the last {@link #EVERY}; call it only after work that used the database.
     * Never throws: the work that called it has succeeded, and the next sweep retries.
     *
     * @return how many jobs were published
     */
    public int sweepIfDue() {
        Instant now = clock.instant();
        Instant last = lastSweep.get();
        // Claimed before sweeping: a job the sweep runs inline (no queue) does not sweep again.
        if (now.isBefore(last.plus(EVERY)) || !lastSweep.compareAndSet(last, now)) {
            return 0;
        }
        try {
            return relay.sweep(olderThan, BATCH_LIMIT);
        } catch (RuntimeException e) {
            Alarm.OUTBOX_SWEEP_FAILED.raise(LOG.atWarn().setCause(e),
                    "Outbox sweep failed; a later request, job or the daily run retries");
            return 0;
        }
    }
}
