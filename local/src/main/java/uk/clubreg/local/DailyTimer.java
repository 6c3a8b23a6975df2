package uk.clubreg.local;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stack's stand-in for the daily schedule of AWS: runs the daily run once a day at DAILY_RUN_AT, club
 * time. It reads the system's clock, so a test's moving clock moves it too; the first run is the next DAILY_RUN_AT
 * after the stack starts.
 */
final class DailyTimer implements AutoCloseable {

    /** How often the clock is looked at: a run starts at most this long after its time. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(20);

    private static final Logger LOG = LoggerFactory.getLogger(DailyTimer.class);

    private final LocalTime at;
    private final ZoneId zone;
    private final Clock clock;
    private final Runnable dailyRun;
    private LocalDate lastRun;
    private ScheduledExecutorService timer;

    DailyTimer(LocalTime at, ZoneId zone, Clock clock, Runnable dailyRun) {
        this.at = at;
        this.zone = zone;
        this.clock = clock;
        this.dailyRun = dailyRun;
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        // Started after today's time: today's run was missed on purpose, not owed.
        this.lastRun = now.toLocalTime().isBefore(at) ? now.toLocalDate().minusDays(1) : now.toLocalDate();
    }

    /** DAILY_RUN_AT: {@code HH:mm}, or {@code none} (or empty) for no daily run. */
    static Optional<LocalTime> parse(String value) {
        String trimmed = value.trim();
        if (trimmed.isEmpty() || trimmed.toLowerCase(Locale.ROOT).equals("none")) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalTime.parse(trimmed));
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("Setting DAILY_RUN_AT must be a time such as 10:00, or none: " + value, e);
        }
    }

    /** Runs the daily run if its time has come today and it has not run today; true when it ran. */
    synchronized boolean tick() {
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        if (!now.toLocalDate().isAfter(lastRun) || now.toLocalTime().isBefore(at)) {
            return false;
        }
        lastRun = now.toLocalDate();
        dailyRun.run();
        return true;
    }

    DailyTimer start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("daily-run").daemon().factory());
        timer.scheduleWithFixedDelay(() -> {
            try {
                tick();
            } catch (RuntimeException e) {
                LOG.atWarn().setCause(e).log("Daily run failed; it runs again tomorrow, or POST /admin/run/daily");
            }
        }, 0, CHECK_EVERY.toSeconds(), TimeUnit.SECONDS);
        return this;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
