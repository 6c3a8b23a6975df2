package uk.clubreg.players;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A player's registration status; the wire name is the database value and the tools' argument. */
public enum RegistrationStatus {
    PENDING, CONFIRMED, DECLINED, COMPLETED;

    /** Every status's wire name, in order. */
    public static final List<String> WIRE_NAMES = Arrays.stream(values()).map(RegistrationStatus::wireName).toList();

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<RegistrationStatus> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
    }

    /**
     * Why moving from this status to {@code target} is refused, or empty when it is allowed. A completed
     * registration is not reopened (details can still be corrected); only a declined one may go back to pending.
     */
    public Optional<String> refusalToMoveTo(RegistrationStatus target) {
        if (this == COMPLETED && (target == PENDING || target == CONFIRMED)) {
            return Optional.of("the registration is already completed; correct details with record_player_details");
        }
        if (target == PENDING && this != DECLINED && this != PENDING) {
            return Optional.of("a " + wireName() + " registration cannot go back to pending");
        }
        return Optional.empty();
    }
}
