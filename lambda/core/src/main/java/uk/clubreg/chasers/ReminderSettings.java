package uk.clubreg.chasers;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;

/**
 * When parents are reminded (docs/decisions/0062-reminders.md): the first reminder {@code afterDays} calendar days
 * after the invitation or the parent's last message, then every {@code everyDays}, at most {@code max} per player,
 * never in {@code quietHours}; days and hours are the club's ({@code zone}).
 */
public record ReminderSettings(int afterDays, int everyDays, int max, QuietHours quietHours, ZoneId zone) {

    public ReminderSettings {
        if (afterDays < 0 || everyDays < 1 || max < 0) {
            throw new IllegalStateException("CHASE_AFTER_DAYS and CHASE_MAX must be 0 or more, CHASE_EVERY_DAYS 1 "
                    + "or more");
        }
    }

    /** @throws IllegalStateException naming the setting that is wrong */
    public static ReminderSettings from(Config config) {
        QuietHours quiet;
        try {
            quiet = QuietHours.parse(config.getAllowingEmpty(Setting.QUIET_HOURS));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Setting QUIET_HOURS: " + e.getMessage(), e);
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(config.require(Setting.CLUB_TIME_ZONE));
        } catch (DateTimeException e) {
            throw new IllegalStateException("Setting CLUB_TIME_ZONE is not a time zone, e.g. Europe/London", e);
        }
        return new ReminderSettings(config.getInt(Setting.CHASE_AFTER_DAYS), config.getInt(Setting.CHASE_EVERY_DAYS),
                config.getInt(Setting.CHASE_MAX), quiet, zone);
    }

    LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    boolean quiet(Instant instant) {
        return quietHours.contains(ZonedDateTime.ofInstant(instant, zone).toLocalTime());
    }
}
