package uk.clubreg.logging;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks personal data before it can reach a log line. */
public final class Mask {

    // A run of 9+ digits, optionally with +, spaces or dashes: phone-number shaped. Not inside a longer word,
    // so ids such as a request id's UUID (b3e8e329-2641-4474-993e-...) stay searchable, and not an ISO date
    // (2026-11-02), which the daily run and the chasers log as their day.
    private static final Pattern PHONE_LIKE = Pattern.compile(
            "(?<![\\w-])(?!\\d{4}-\\d{2}-\\d{2}(?![\\w-]))\\+?\\d[\\d \\-]{7,}\\d(?![\\w-])");

    private Mask() {}

    /** {@code +447700900123} becomes {@code +44*******123}: country code and last three digits stay. */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9+]", "");
        if (digits.length() < 6) {
            return "***";
        }
        int keepStart = digits.startsWith("+") ? 3 : 2;
        int keepEnd = 3;
        return digits.substring(0, keepStart)
                + "*".repeat(digits.length() - keepStart - keepEnd)
                + digits.substring(digits.length() - keepEnd);
    }

    /** Free text (a message body, a name) is never logged: only its length. */
    public static String text(String text) {
        return text == null ? null : "<" + text.length() + " chars>";
    }

    /** Safety net applied to every log line: masks anything phone-shaped that slipped through. */
    public static String phonesIn(String line) {
        if (line == null || line.isEmpty()) {
            return line;
        }
        Matcher matcher = PHONE_LIKE.matcher(line);
        if (!matcher.find()) {
            return line;
        }
        StringBuilder out = new StringBuilder();
        do {
            matcher.appendReplacement(out, Matcher.quoteReplacement(phone(matcher.group())));
        } while (matcher.find());
        matcher.appendTail(out);
        return out.toString();
    }
}
