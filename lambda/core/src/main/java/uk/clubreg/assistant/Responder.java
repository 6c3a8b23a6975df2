package uk.clubreg.assistant;

import uk.clubreg.conversations.Reply;

/** Decides the reply to one turn, acting through the {@link RegistrationActions}: the AI or the guided dialogue. */
public interface Responder {

    /** Recorded with each turn: {@code ai} or {@code guided}. */
    String engine();

    /** @throws ResponderUnavailableException when the AI cannot answer now; the turn is retried later */
    Reply respond(Turn turn);

    /**
     * True when deciding calls nothing remote (guided mode): its writes then commit in the transaction that records
     * the turn, so a retry never applies an answer twice (docs/decisions/0084-atomic-guided-turns.md). False for the
     * AI, whose requests must not hold a connection.
     */
    default boolean decidesLocally() {
        return false;
    }

    /**
     * The responder that decides this turn, and the steps folded into it: itself, unless it hands some turns to
     * another (docs/decisions/0094-sensitive-details-in-guided-steps.md).
     */
    default Responder forTurn(Turn turn) {
        return this;
    }
}
