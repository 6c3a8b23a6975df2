package uk.clubreg.players;

import uk.clubreg.parents.Parent;

/** An invitation with its player and the player's parent. */
public record InvitedPlayer(long invitationId, InvitationKind kind, Player player, Parent parent) {}
