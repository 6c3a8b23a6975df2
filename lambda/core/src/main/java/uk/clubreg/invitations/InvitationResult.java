package uk.clubreg.invitations;

/** The outcome of one invitation: {@code created} is false when the same player was already invited. */
public record InvitationResult(Invitation invitation, boolean created) {}
