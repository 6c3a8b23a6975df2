package uk.clubreg.assistant;

import uk.clubreg.conversations.Reply;

/** Decides the reply to one turn, acting through the {@link RegistrationActions}: the AI or the guided dialogue. */
public interface Responder {

    /** Recorded with each turn: {@code ai} or {@code guided}. */
    String engine();

    /** @throws ResponderUnavailableException when the AI cannot answer now; the turn is retried later */
    Reply respond(Turn turn);
}
