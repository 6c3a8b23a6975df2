package uk.clubreg.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves: days pass without sleeping. */
public final class TestClock extends Clock {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    private volatile Instant now;

    public TestClock(Instant start) {
        this.now = start;
    }

    /** At this wall-clock time in London, the club's time zone. */
    public static TestClock atLondon(LocalDateTime time) {
        return new TestClock(time.atZone(LONDON).toInstant());
    }

    public void set(Instant instant) {
        now = instant;
    }

    public void setLondon(LocalDateTime time) {
        now = time.atZone(LONDON).toInstant();
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        Clock moving = this;
        return new Clock() {
            @Override
            public Instant instant() {
                return moving.instant();
            }

            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return moving.withZone(other);
            }
        };
    }
}
