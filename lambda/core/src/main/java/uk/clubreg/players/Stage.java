package uk.clubreg.players;

import java.util.Arrays;

/**
 * Where a player's registration is: initial_contact → returning_player_check → info_collection →
 * completed; declined at any point; archived when a season is closed. The stage follows from the status and
 * whether the returning-player question is answered, so tools never set it directly.
 */
public enum Stage {
    INITIAL_CONTACT, RETURNING_PLAYER_CHECK, INFO_COLLECTION, COMPLETED, DECLINED, ARCHIVED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Stage fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown stage: " + name));
    }

    /** The stage a player with this status is in. */
    public static Stage of(RegistrationStatus status, Boolean returningPlayer) {
        return switch (status) {
            case PENDING -> INITIAL_CONTACT;
            case CONFIRMED -> returningPlayer == null ? RETURNING_PLAYER_CHECK : INFO_COLLECTION;
            case COMPLETED -> COMPLETED;
            case DECLINED -> DECLINED;
        };
    }

    /** The conversation still has something to ask about a player in this stage. */
    public boolean inProgress() {
        return this == INITIAL_CONTACT || this == RETURNING_PLAYER_CHECK || this == INFO_COLLECTION;
    }
}
