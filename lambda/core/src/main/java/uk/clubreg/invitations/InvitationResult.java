package uk.clubreg.invitations;

/**
 * The outcome of one invitation: {@code created} is false when the same player was already invited;
 * {@code reinvited}: that player's registration was under way, and the parent gets the existing-registration
 * template (docs/decisions/0061-existing-registration-only-for-a-reinvitation.md).
 */
public record InvitationResult(Invitation invitation, boolean created, boolean reinvited) {}
