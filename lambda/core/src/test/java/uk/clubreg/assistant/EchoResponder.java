package uk.clubreg.assistant;

import uk.clubreg.conversations.Reply;

/** A responder for tests of the message path: each turn is answered with what the parent said. */
public final class EchoResponder implements Responder {

    @Override
    public String engine() {
        return "guided";
    }

    @Override
    public Reply respond(Turn turn) {
        return Reply.text("You said: " + turn.text().replace("\n", " / "));
    }
}
