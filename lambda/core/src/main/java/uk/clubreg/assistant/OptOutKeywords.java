package uk.clubreg.assistant;

import java.util.Locale;
import java.util.Set;

/** Recognises a whole message that asks to stop or restart messages. "Please don't stop" is not STOP. */
public enum OptOutKeywords {
    OPT_OUT, OPT_IN, NONE;

    private static final Set<String> STOP_WORDS = Set.of("stop", "unsubscribe", "opt out", "optout");
    private static final Set<String> START_WORDS = Set.of("start", "opt in", "optin");

    public static OptOutKeywords classify(String body) {
        if (body == null) {
            return NONE;
        }
        String normalised = body.toLowerCase(Locale.ROOT)
                .replace('-', ' ')
                .replaceAll("[\\p{Punct}\\s]+$", "")
                .replaceAll("^[\\p{Punct}\\s]+", "")
                .replaceAll("\\s+", " ");
        if (STOP_WORDS.contains(normalised)) {
            return OPT_OUT;
        }
        return START_WORDS.contains(normalised) ? OPT_IN : NONE;
    }
}
