package uk.clubreg.conversations;

import java.time.Instant;
import uk.clubreg.parents.Parent;

/**
 * A parent's WhatsApp conversation (siblings share it). {@code lastInboundAt} opens WhatsApp's 24-hour window;
 * {@code humanHelpRequestedAt} set means a person has it and the assistant is silent; the outage fields track one
 * holding message per AI outage.
 */
public record Conversation(long id, Parent parent, Instant lastInboundAt, String openAiConversationId,
                           Instant humanHelpRequestedAt, Instant aiUnavailableSince, Instant holdingMessageSentAt) {

    public long parentId() {
        return parent.id();
    }
}
