package uk.clubreg.chasers;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * Hours of the day when no reminder goes out, e.g. 20:00-09:00 (from 20:00 up to, not including, 09:00 the next
 * morning). Empty or "none": no quiet hours.
 */
public record QuietHours(Optional<LocalTime> from, Optional<LocalTime> until) {

    static final QuietHours NONE = new QuietHours(Optional.empty(), Optional.empty());

    /** @throws IllegalArgumentException when the text is not HH:MM-HH:MM, empty or "none" */
    static QuietHours parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (value.isEmpty() || value.equals("none")) {
            return NONE;
        }
        String[] parts = value.split("-");
        if (parts.length != 2) {
            throw new IllegalArgumentException("quiet hours must look like 20:00-09:00, or be empty: " + text);
        }
        try {
            LocalTime from = LocalTime.parse(parts[0].trim());
            LocalTime until = LocalTime.parse(parts[1].trim());
            if (from.equals(until)) {
                throw new IllegalArgumentException("quiet hours must start and end at different times: " + text);
            }
            return new QuietHours(Optional.of(from), Optional.of(until));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("quiet hours must look like 20:00-09:00, or be empty: " + text, e);
        }
    }

    boolean contains(LocalTime time) {
        if (from.isEmpty()) {
            return false;
        }
        LocalTime start = from.get();
        LocalTime end = until.orElseThrow();
        return start.isBefore(end)
                ? !time.isBefore(start) && time.isBefore(end)
                : !time.isBefore(start) || time.isBefore(end);
    }
}
