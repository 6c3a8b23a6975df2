package uk.clubreg.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import uk.clubreg.testsupport.TestClock;

/** The local daily run: once a day, at DAILY_RUN_AT club time, as the clock moves. */
class DailyTimerTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final LocalTime TEN = LocalTime.of(10, 0);

    private final AtomicInteger runs = new AtomicInteger();

    @Test
    void itRunsOnceADayFromItsTimeOn() {
        TestClock clock = TestClock.atLondon(LocalDateTime.of(2026, 11, 2, 8, 0));
        DailyTimer timer = new DailyTimer(TEN, LONDON, clock, runs::incrementAndGet);

        boolean before = timer.tick();
        clock.setLondon(LocalDateTime.of(2026, 11, 2, 10, 0));
        boolean atTen = timer.tick();
        clock.setLondon(LocalDateTime.of(2026, 11, 2, 23, 59));
        boolean lateThatDay = timer.tick();
        clock.setLondon(LocalDateTime.of(2026, 11, 3, 9, 59));
        boolean nextMorning = timer.tick();
        clock.setLondon(LocalDateTime.of(2026, 11, 3, 10, 0, 20));
        boolean nextDay = timer.tick();

        assertThat(before).isFalse();
        assertThat(atTen).isTrue();
        assertThat(lateThatDay).isFalse();
        assertThat(nextMorning).isFalse();
        assertThat(nextDay).isTrue();
        assertThat(runs).hasValue(2);
    }

    @Test
    void startedAfterItsTimeItWaitsForTomorrow() {
        TestClock clock = TestClock.atLondon(LocalDateTime.of(2026, 11, 2, 15, 0));
        DailyTimer timer = new DailyTimer(TEN, LONDON, clock, runs::incrementAndGet);

        boolean today = timer.tick();
        clock.setLondon(LocalDateTime.of(2026, 11, 3, 10, 0));
        boolean tomorrow = timer.tick();

        assertThat(today).isFalse();
        assertThat(tomorrow).isTrue();
    }

    @Test
    void theTimeIsHoursAndMinutesOrNone() {
        assertThat(DailyTimer.parse(" 10:00 ")).contains(TEN);
        assertThat(DailyTimer.parse("none")).isEmpty();
        assertThat(DailyTimer.parse("")).isEmpty();
        assertThatThrownBy(() -> DailyTimer.parse("ten")).hasMessageContaining("DAILY_RUN_AT");
    }
}
