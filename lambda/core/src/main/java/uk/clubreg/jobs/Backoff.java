package uk.clubreg.jobs;

import java.time.Duration;

/**
 * How long a failed job waits before it is tried again: {@code first} after the first receive, then {@code factor}
 * times longer each receive, never more than {@code max} (docs/decisions/0082-retry-backoff.md).
 */
public record Backoff(Duration first, int factor, Duration max) {

    /** 10 s, 30 s, 90 s, 270 s, 810 s: about 20 minutes over the queue's 5 receives before the dead-letter queue. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(10), 3, Duration.ofMinutes(15));

    /** The wait after the {@code receiveCount}-th delivery failed (1 for the first). */
    public Duration after(int receiveCount) {
        Duration delay = first;
        for (int i = 1; i < receiveCount && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(factor);
        }
        return delay.compareTo(max) < 0 ? delay : max;
    }
}
