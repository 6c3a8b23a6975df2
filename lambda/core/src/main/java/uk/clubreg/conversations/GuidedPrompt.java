package uk.clubreg.conversations;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A question guided mode asked that the registrations themselves do not show: whether the parent wants the team
 * manager to contact them, which of last season's details changed, which language they want (LANGUAGE) and whether
 * to switch to the language detected in their message. The next message answers it.
 */
public enum GuidedPrompt {
    HELP_OFFER, CHANGED_DETAILS, LANGUAGE_CHOICE, LANGUAGE_OFFER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<GuidedPrompt> fromWireName(String name) {
        return Arrays.stream(values()).filter(p -> p.wireName().equals(name)).findFirst();
    }
}
