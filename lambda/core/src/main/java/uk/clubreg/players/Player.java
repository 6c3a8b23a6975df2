package uk.clubreg.players;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A child's registration for one season: who, which team, where the registration is, and the details collected.
 * Siblings share their parent's conversation ({@code conversationId}).
 */
public record Player(
        long id, long parentId, Long conversationId, String firstName, String lastName, String clubName,
        String teamName, String ageGroup, String season, String managerFullName, String managerTel,
        BigDecimal membershipFee, BigDecimal subscriptionFee, RegistrationStatus status, Stage stage,
        Boolean returningPlayer, LocalDate dateOfBirth, String medicalNotes, String emergencyContactName,
        String emergencyContactTel, Boolean photoConsent, String kitSize, Instant updatedAt) {
}
