package uk.clubreg.players;

import java.util.Locale;

/**
 * {@code EXISTING}: the parent had already replied in their live conversation when this player was invited, so
 * they get the "existing registration" template (docs/decisions/0047-existing-registrations.md).
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
