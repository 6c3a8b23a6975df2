package uk.clubreg.assistant;

import uk.clubreg.jobs.Deadline;

/**
 * Answers a parent. The inbound_message job calls it after the parent's message is stored; it takes every inbound
 * message of the conversation not yet answered (a burst becomes one turn) and replies through messaging. Throwing
 * leaves the messages unanswered, so a retry answers them.
 */
public interface ConversationEngine {
    void respond(long conversationId);

    /** The same, ending by {@code deadline}: a turn that cannot finish in time fails as if the AI were unavailable. */
    default void respond(long conversationId, Deadline deadline) {
        respond(conversationId);
    }
}
