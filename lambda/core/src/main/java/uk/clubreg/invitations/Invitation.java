package uk.clubreg.invitations;

import java.math.BigDecimal;

/** A stored invitation as the manager sees it: the player, their parent and the team they are invited to. */
public record Invitation(
        long id,
        long playerId,
        Kind kind,
        String status,
        Player player,
        Parent parent,
        Team team) {

    /** {@code EXISTING}: the parent already had a live conversation, so the worker sends the follow-up template. */
    public enum Kind { NEW, EXISTING }

    public record Player(String firstName, String lastName, BigDecimal membershipFee, BigDecimal subscriptionFee) {}

    public record Parent(String tel, String firstName, String lastName) {}

    public record Team(String club, String name, String ageGroup, String season, String managerFullName,
                       String managerTel) {}
}
