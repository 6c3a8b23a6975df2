package uk.clubreg.players;

import java.util.Locale;

/**
 * {@code EXISTING}: the manager invited the same player again while the parent's registration was under way, so
 * the parent gets the "existing registration" template (docs/decisions/0061-existing-registration-only-for-a-reinvitation.md).
 */
public enum InvitationKind {
    NEW, EXISTING;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InvitationKind fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
