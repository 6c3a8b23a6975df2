package uk.clubreg.messaging;

import java.util.List;
import uk.clubreg.conversations.Reply;
import uk.clubreg.players.Player;

/**
 * Sends WhatsApp messages on behalf of the side that decides them. Implementations pick free-form text inside the
 * 24-hour window and a template outside it, respect opt-out, and never send twice for the same idempotency key.
 */
public interface WhatsAppReplies {

    /** Replies to the parent of {@code conversationId}. */
    void reply(long conversationId, String idempotencyKey, Reply reply);

    /** The confirmation of a STOP: the one message a parent who has just opted out still receives. */
    void confirmOptOut(long conversationId, String idempotencyKey, Reply reply);

    /** Free-form text to a number with no invitation. */
    void answerUnknownSender(String phoneE164, String idempotencyKey, String text);

    /** Reminds the parent of {@code conversationId} that these children's registrations are unfinished. */
    void remind(long conversationId, String idempotencyKey, String text, List<Player> children);
}
