package uk.clubreg.invitations;

import java.math.BigDecimal;

/**
 * A manager's invitation after validation: names trimmed, the parent's number in E.164, team and season
 * filled from configuration when the manager gave none. Optional fields are null when absent.
 */
public record InvitationRequest(
        String playerFirstName,
        String playerLastName,
        String parentTel,
        String parentFirstName,
        String parentLastName,
        String teamName,
        String ageGroup,
        String managerFullName,
        String managerTel,
        String season,
        BigDecimal membershipFee,
        BigDecimal subscriptionFee) {}
