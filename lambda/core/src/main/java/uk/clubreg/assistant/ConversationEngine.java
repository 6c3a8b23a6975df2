package uk.clubreg.assistant;

/**
 * Answers a parent. The inbound_message job calls it after the parent's message is stored; it takes every inbound
 * message of the conversation not yet answered (a burst becomes one turn) and replies through messaging. Throwing
 * leaves the messages unanswered, so a retry answers them.
 */
public interface ConversationEngine {
    void respond(long conversationId);
}
