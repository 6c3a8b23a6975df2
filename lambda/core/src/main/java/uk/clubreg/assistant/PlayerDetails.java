package uk.clubreg.assistant;

import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.clubreg.phone.PhoneNumbers;
import uk.clubreg.players.Player;

/**
 * Reads and checks the details a parent gives, the same way for the AI's tool arguments and guided-mode typing.
 * Each method returns the clean value or a message the parent (or the model) can act on.
 */
public final class PlayerDetails {

    /** A checked value, or why it was refused. */
    public record Checked<T>(T value, String error) {
        static <T> Checked<T> ok(T value) { return new Checked<>(value, null); }
        static <T> Checked<T> refused(String error) { return new Checked<>(null, error); }
        public boolean ok() { return error == null; }
    }

    private static final List<DateTimeFormatter> DATE_FORMATS = List.of(
            DateTimeFormatter.ISO_LOCAL_DATE,
            strict("d/M/uuuu"), strict("d-M-uuuu"), strict("d.M.uuuu"), strict("d MMMM uuuu"), strict("d MMM uuuu"));
    private static final Pattern AGE_GROUP = Pattern.compile("(?i)\\bu(?:nder)?[\\s-]*(\\d{1,2})");
    private static final Pattern SEASON_START = Pattern.compile("^(\\d{4})");
    private static final Pattern ORDINAL = Pattern.compile("(?i)(\\d{1,2})(st|nd|rd|th)\\b");

    private final String defaultRegion;
    private final List<String> kitSizes;

    public PlayerDetails(String defaultRegion, List<String> kitSizes) {
        this.defaultRegion = defaultRegion;
        this.kitSizes = List.copyOf(kitSizes);
    }

    public List<String> kitSizes() {
        return kitSizes;
    }

    /**
     * A date of birth plausible for the player's age group: English youth football counts age on 31 August at the
     * start of the season, so an Under-N player is N-1 then, or N-2 when playing up a year.
     */
    public Checked<LocalDate> dateOfBirth(String text, Player player, LocalDate today) {
        Optional<LocalDate> parsed = parseDate(text);
        if (parsed.isEmpty()) {
            return Checked.refused("the date of birth was not understood; ask for it as day/month/year, e.g. 14/03/2016");
        }
        LocalDate dob = parsed.get();
        if (!dob.isBefore(today)) {
            return Checked.refused("the date of birth is not in the past");
        }
        LocalDate cutoff = seasonCutoff(player.season(), today);
        int age = Period.between(dob, cutoff).getYears();
        Matcher group = player.ageGroup() == null ? null : AGE_GROUP.matcher(player.ageGroup());
        if (group != null && group.find()) {
            int under = Integer.parseInt(group.group(1));
            if (age < under - 2 || age > under - 1) {
                return Checked.refused("a child born on " + dob + " is " + age + " on " + cutoff
                        + ", which does not fit " + player.ageGroup() + " (" + (under - 2) + " or " + (under - 1)
                        + " then); please check the date");
            }
        } else if (age < 3 || age > 18) {
            return Checked.refused("a child born on " + dob + " would be " + age + " this season; please check the date");
        }
        return Checked.ok(dob);
    }

    /** A phone number in E.164 (a landline is fine), read in the default region when it has no country code. */
    public Checked<String> phone(String text) {
        if (text == null || text.isBlank()) {
            return Checked.refused("the phone number is empty");
        }
        return PhoneNumbers.toE164(text, defaultRegion).map(Checked::ok).orElseGet(() ->
                Checked.refused("that is not a valid phone number; ask for it again with all its digits"));
    }

    /** One of the club's kit sizes: by name, or by its number in the list as guided mode shows it. */
    public Checked<String> kitSize(String text) {
        String answer = text == null ? "" : text.trim();
        for (int i = 0; i < kitSizes.size(); i++) {
            if (kitSizes.get(i).equalsIgnoreCase(answer) || answer.equals(String.valueOf(i + 1))) {
                return Checked.ok(kitSizes.get(i));
            }
        }
        return Checked.refused("kit size must be one of " + String.join(", ", kitSizes));
    }

    /** Free text with a sensible length: names and medical notes. */
    public Checked<String> text(String text, String what, int maxLength) {
        String trimmed = text == null ? "" : text.trim();
        if (trimmed.isEmpty()) {
            return Checked.refused(what + " is empty");
        }
        if (trimmed.length() > maxLength) {
            return Checked.refused(what + " is longer than " + maxLength + " characters");
        }
        return Checked.ok(trimmed);
    }

    private static Optional<LocalDate> parseDate(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String cleaned = ORDINAL.matcher(text.trim()).replaceAll("$1").replaceAll("\\s+", " ");
        for (DateTimeFormatter format : DATE_FORMATS) {
            try {
                return Optional.of(LocalDate.parse(cleaned, format));
            } catch (DateTimeParseException ignored) {
                // try the next format
            }
        }
        return Optional.empty();
    }

    /** Case-insensitive month names; 30/02 is refused, not moved to the 29th. */
    private static DateTimeFormatter strict(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(Locale.UK)
                .withResolverStyle(ResolverStyle.STRICT);
    }

    private static LocalDate seasonCutoff(String season, LocalDate today) {
        Matcher start = season == null ? null : SEASON_START.matcher(season);
        int year = start != null && start.find() ? Integer.parseInt(start.group(1)) : today.getYear();
        return LocalDate.of(year, 8, 31);
    }
}
