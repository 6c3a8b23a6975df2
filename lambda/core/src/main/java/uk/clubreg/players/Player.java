package uk.clubreg.players;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A child's registration for one season: who, which team, where the registration is, and the details collected.
 * Siblings share their parent's conversation ({@code conversationId}). {@code remindersSent}: reminders the parent
 * had about it; {@code previousPlayerId}: the same child's completed registration of an earlier season;
 * {@code photoRequired}: the
 * club asks for the child's photo (PLAYER_PHOTO_REQUIRED); {@code photoReceivedAt}: when the photo kept came (null:
 * none).
 */
public record Player(
        long id, long parentId, Long conversationId, String firstName, String lastName, String clubName,
        String teamName, String ageGroup, String season, String managerFullName, String managerTel,
        BigDecimal membershipFee, BigDecimal subscriptionFee, RegistrationStatus status, Stage stage,
        Boolean returningPlayer, LocalDate dateOfBirth, String medicalNotes, String emergencyContactName,
        String emergencyContactTel, Boolean photoConsent, String kitSize, Instant updatedAt, int remindersSent,
        Instant lastRemindedAt, Long previousPlayerId, boolean photoRequired, Instant photoReceivedAt) {

    /** Neither completed nor declined, nor archived with its season. */
    public boolean unfinished() {
        return stage.inProgress();
    }

    public String fullName() {
        return firstName + " " + lastName;
    }

    /** First names as a sentence reads them: "Sam", "Sam and Ria", "Sam, Ria and Leo". */
    public static String firstNames(List<Player> players) {
        return inSentence(players.stream().map(Player::firstName).toList());
    }

    /** Full names with their teams, as a sentence reads them: "Sam Taylor (U11 Panthers) and Ria Taylor (U9 Lions)". */
    public static String namesWithTeams(List<Player> players) {
        return inSentence(players.stream().map(p -> p.fullName() + " (" + p.teamName() + ")").toList());
    }

    private static String inSentence(List<String> names) {
        if (names.size() <= 1) {
            return names.isEmpty() ? "" : names.getFirst();
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast();
    }
}
