package uk.clubreg.parents;

import java.time.Instant;

/**
 * A parent, known by their WhatsApp number (E.164). {@code unreachableSince} is set when WhatsApp cannot deliver to
 * the number (the manager should phone them); {@code optedOutAt} when the parent asked for no more messages;
 * {@code language}: the language they chose or confirmed, a code of the club's LANGUAGES (null: not chosen yet).
 */
public record Parent(long id, String phone, String firstName, String lastName, Instant optedOutAt,
                     Instant unreachableSince, String unreachableReason, String language) {

    /** First and last name as far as they are known; empty when neither is. */
    public String fullName() {
        return ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
    }
}
