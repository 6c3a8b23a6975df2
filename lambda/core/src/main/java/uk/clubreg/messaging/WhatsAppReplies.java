package uk.clubreg.messaging;

import uk.clubreg.conversations.Reply;

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

    /** Tells a team manager (by phone) that a parent needs a person, e.g. after request_human_help. */
    void notifyManager(String managerPhoneE164, String idempotencyKey, String text);
}
