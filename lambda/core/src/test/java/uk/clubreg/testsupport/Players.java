package uk.clubreg.testsupport;

import java.time.LocalDate;
import uk.clubreg.players.Player;
import uk.clubreg.players.RegistrationStatus;
import uk.clubreg.players.Stage;

/** Players built in memory, for tests that need no database. */
public final class Players {

    private Players() {}

    /** Seb, U11 Panthers 2026-27, confirmed and returning, with no details recorded yet. */
    public static Player under11() {
        return new Player(1, 1, null, "Seb", "Parent", "Urmston Town Juniors FC", "Panthers", "U11", "2026-27", null,
                null, null, null, RegistrationStatus.CONFIRMED, Stage.INFO_COLLECTION, true, null, null, null, null,
                null, null, null, 0, null, null, false, null);
    }

    /** A player in info collection with these details recorded (null: not given). */
    public static Player withDetails(LocalDate dateOfBirth, String medicalNotes, String emergencyContactName,
                                     String emergencyContactTel, Boolean photoConsent, String kitSize) {
        return new Player(1, 1, null, "Seb", "Parent", "Urmston Town Juniors FC", "Panthers", "U11", "2026-27", null,
                null, null, null, RegistrationStatus.CONFIRMED, Stage.INFO_COLLECTION, true, dateOfBirth,
                medicalNotes, emergencyContactName, emergencyContactTel, photoConsent, kitSize, null, 0, null, null,
                false, null);
    }

    /** Seb with every detail but the photo his club requires (PLAYER_PHOTO_REQUIRED). */
    public static Player needingAPhoto() {
        return new Player(1, 1, null, "Seb", "Parent", "Urmston Town Juniors FC", "Panthers", "U11", "2026-27", null,
                null, null, null, RegistrationStatus.CONFIRMED, Stage.INFO_COLLECTION, false, LocalDate.of(2016, 3, 14),
                "None", "Jo Parent", "+447700900612", true, "M", null, 0, null, null, true, null);
    }

    /** A pending player of conversation {@code conversationId}. */
    public static Player inConversation(long playerId, long conversationId) {
        return new Player(playerId, 1, conversationId, "Seb", "Parent", "Urmston Town Juniors FC", "Panthers", "U11",
                "2026-27", null, null, null, null, RegistrationStatus.PENDING, Stage.INITIAL_CONTACT, null, null, null,
                null, null, null, null, null, 0, null, null, false, null);
    }
}
