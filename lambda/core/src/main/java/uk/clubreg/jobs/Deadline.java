package uk.clubreg.jobs;

import java.time.Duration;

/**
 * When a job has to be done by: the worker function's remaining time, on the monotonic clock (never the business
 * clock, which tests move). {@link #NONE}: no bound (jobs run inline, the local stack).
 */
public final class Deadline {

    public static final Deadline NONE = new Deadline(false, 0);
    /** What {@link #remaining()} says when there is no bound: longer than any job runs. */
    private static final Duration UNBOUNDED = Duration.ofDays(1);

    private final boolean bounded;
    private final long nanoTime;

    private Deadline(boolean bounded, long nanoTime) {
        this.bounded = bounded;
        this.nanoTime = nanoTime;
    }

    /** {@code time} from now. */
    public static Deadline in(Duration time) {
        return new Deadline(true, System.nanoTime() + time.toNanos());
    }

    /** The time left; zero or negative once it has passed. */
    public Duration remaining() {
        return bounded ? Duration.ofNanos(nanoTime - System.nanoTime()) : UNBOUNDED;
    }

    /** The same deadline brought forward by {@code reserve}: what is left for a part that must leave time after it. */
    public Deadline minus(Duration reserve) {
        return bounded ? new Deadline(true, nanoTime - reserve.toNanos()) : this;
    }

    public boolean bounded() {
        return bounded;
    }

    @Override
    public String toString() {
        return bounded ? "in " + remaining().toMillis() + " ms" : "none";
    }
}
