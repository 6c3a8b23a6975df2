package uk.clubreg.messaging;

/**
 * Sends WhatsApp messages on behalf of the conversation. Implementations pick free-form text inside the 24-hour
 * window and a template outside it, respect opt-out, and never send twice for the same idempotency key.
 */
public interface WhatsAppReplies {

    /** Replies to the parent of {@code conversationId}. */
    void reply(long conversationId, String idempotencyKey, Reply reply);

    /** Tells a team manager (by phone) that a parent needs a person, e.g. after request_human_help. */
    void notifyManager(String managerPhoneE164, String idempotencyKey, String text);
}
