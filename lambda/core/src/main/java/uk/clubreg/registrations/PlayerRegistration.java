package uk.clubreg.registrations;

import java.time.Instant;
import java.util.List;
import uk.clubreg.conversation.TokenUsage;

/**
 * One player's registration as their team manager sees it, with how to reach the parent and the AI tokens their
 * conversation used (siblings share their conversation's tokens: docs/decisions/0045-token-attribution.md).
 */
public record PlayerRegistration(
        long playerId,
        String firstName,
        String lastName,
        String ageGroup,
        String status,
        String stage,
        Boolean isReturningPlayer,
        Instant updatedAt,
        List<String> missingDetails,
        ParentContact parent,
        TokenUsage.Tokens aiTokens) {

    PlayerRegistration withAiTokens(TokenUsage.Tokens tokens) {
        return new PlayerRegistration(playerId, firstName, lastName, ageGroup, status, stage, isReturningPlayer,
                updatedAt, missingDetails, parent, tokens);
    }

    /**
     * Whether messages reach the parent. {@code unreachableSince} is set when WhatsApp cannot deliver to the number
     * (the manager should phone them); {@code optedOutAt} when the parent asked for no more messages.
     */
    public record ParentContact(String tel, String firstName, String lastName, Instant optedOutAt,
                                Instant unreachableSince, String unreachableReason) {}
}
