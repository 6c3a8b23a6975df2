package uk.clubreg.messaging;

import java.util.ArrayList;
import java.util.List;

/**
 * A free-form text too long for one WhatsApp message, split into parts Twilio takes: each at most {@link #MAX}
 * characters, cut at the end of a sentence or line where there is one, else at a space
 * (docs/decisions/0088-long-replies-split.md).
 */
final class MessageParts {

    /** Twilio refuses a body over 1,600 characters for good (error 21617). */
    static final int MAX = 1_600;

    private MessageParts() {}

    static List<String> of(String text) {
        return of(text, MAX);
    }

    static List<String> of(String text, int max) {
        List<String> parts = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > max) {
            int cut = cut(rest, max);
            parts.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        parts.add(rest);
        return parts;
    }

    /** Where to end a part of {@code text}: after its last sentence or line within {@code max}, else a space. */
    private static int cut(String text, int max) {
        int space = -1;
        for (int end = max; end > 0; end--) {
            char last = text.charAt(end - 1);
            boolean followedBySpace = Character.isWhitespace(text.charAt(end));
            if (last == '\n' || (followedBySpace && (last == '.' || last == '!' || last == '?'))) {
                return end;
            }
            if (space < 0 && followedBySpace) {
                space = end;
            }
        }
        if (space > 0) {
            return space;
        }
        return Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    }
}
