package uk.clubreg.registrations;

import java.time.Instant;
import java.util.List;

/** One player's registration as their team manager sees it, with how to reach the parent. */
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
        ParentContact parent) {

    /**
     * Whether messages reach the parent. {@code unreachableSince} is set when WhatsApp cannot deliver to the number
     * (the manager should phone them); {@code optedOutAt} when the parent asked for no more messages.
     */
    public record ParentContact(String tel, String firstName, String lastName, Instant optedOutAt,
                                Instant unreachableSince, String unreachableReason) {}
}
