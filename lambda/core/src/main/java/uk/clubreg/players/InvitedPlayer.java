package uk.clubreg.players;

import java.time.Instant;
import uk.clubreg.parents.Parent;

/**
 * An invitation with its player and the player's parent. {@code reinvitations}: how often the manager invited the
 * same player again; {@code earlierAttemptAnsweredAt}: when the assistant last acknowledged such a re-invitation.
 */
public record InvitedPlayer(long invitationId, InvitationKind kind, Player player, Parent parent, int reinvitations,
                            Instant earlierAttemptAnsweredAt) {

    /** Re-invited, and the parent has not been asked about it yet. */
    public boolean reinvitationUnanswered() {
        return kind == InvitationKind.EXISTING && earlierAttemptAnsweredAt == null;
    }
}
