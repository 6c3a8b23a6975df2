package uk.clubreg.players;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a returning player's completed registration of an earlier season says, offered again in the new one. Medical
 * notes and photo consent are not here: they are always asked afresh (docs/decisions/0064-returning-players.md).
 */
public record LastSeason(long playerId, String season, LocalDate dateOfBirth, String emergencyContactName,
                         String emergencyContactTel, String kitSize) {

    /** The details a parent can keep from last season, or say have changed. */
    public enum Detail {
        DATE_OF_BIRTH, EMERGENCY_CONTACT, KIT_SIZE;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Detail> fromWireName(String name) {
            return Arrays.stream(values()).filter(d -> d.wireName().equals(name)).findFirst();
        }
    }
}
