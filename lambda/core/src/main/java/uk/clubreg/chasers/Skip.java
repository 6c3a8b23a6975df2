package uk.clubreg.chasers;

import java.util.Locale;

/** Why a player's parent was not reminded in a run; the wire name is what the run's counts say. */
public enum Skip {
    QUIET_HOURS, OPTED_OUT, UNREACHABLE, WAITING_FOR_PERSON, REMINDED_TODAY, MAX_REACHED, NOT_DUE;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
