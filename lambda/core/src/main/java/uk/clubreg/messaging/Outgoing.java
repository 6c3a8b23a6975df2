package uk.clubreg.messaging;

/**
 * A message we intend to send, with the key that makes sending it idempotent. {@code conversationId} and
 * {@code parentId} are null for senders who are not parents (an unknown number, a team manager). {@code secret}:
 * the text is sent but not stored (a sign-in code); the message row keeps a placeholder.
 */
public record Outgoing(
        String idempotencyKey,
        Long conversationId,
        Long parentId,
        OutboundMessage message,
        Long retryOfMessageId,
        int inputTokens,
        int outputTokens,
        boolean sendEvenIfOptedOut,
        boolean secret) {

    public static Outgoing to(String idempotencyKey, Long conversationId, Long parentId, OutboundMessage message) {
        return new Outgoing(idempotencyKey, conversationId, parentId, message, null, 0, 0, false, false);
    }

    public Outgoing withUsage(int input, int output) {
        return new Outgoing(idempotencyKey, conversationId, parentId, message, retryOfMessageId, input, output,
                sendEvenIfOptedOut, secret);
    }

    public Outgoing retryOf(long messageId) {
        return new Outgoing(idempotencyKey, conversationId, parentId, message, messageId, inputTokens, outputTokens,
                sendEvenIfOptedOut, secret);
    }

    /** The opt-out confirmation is the one message a parent who has just said STOP still receives. */
    public Outgoing evenIfOptedOut() {
        return new Outgoing(idempotencyKey, conversationId, parentId, message, retryOfMessageId, inputTokens,
                outputTokens, true, secret);
    }

    /** Sent as it is, stored without its text and variables. */
    public Outgoing withoutStoringText() {
        return new Outgoing(idempotencyKey, conversationId, parentId, message, retryOfMessageId, inputTokens,
                outputTokens, sendEvenIfOptedOut, true);
    }
}
