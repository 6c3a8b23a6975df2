package uk.clubreg.conversations;

import java.time.Instant;
import uk.clubreg.parents.Parent;

/**
 * A parent's WhatsApp conversation for one season (siblings share it). {@code lastInboundAt} opens WhatsApp's
 * 24-hour window; {@code handOff} set means a person has it and the assistant is silent; the outage fields track
 * one holding message per AI outage; {@code guidedPrompt} is a guided-mode question waiting for its answer;
 * {@code privacyNoticeSentAt}: when a reply first carried the club's privacy notice (null: not yet);
 * {@code languageOffered}: the language guided mode detected and offered, while the offer waits for its answer.
 */
public record Conversation(long id, Parent parent, String season, Instant lastInboundAt, String openAiConversationId,
                           HandOff handOff, Instant aiUnavailableSince, Instant holdingMessageSentAt,
                           GuidedPrompt guidedPrompt, Instant privacyNoticeSentAt,
                           String languageOffered) {

    public long parentId() {
        return parent.id();
    }

    /** The language to write to the parent in: theirs, or the club's default until they have one. */
    public String language(String clubDefault) {
        return parent.language() == null ? clubDefault : parent.language();
    }

    /** A person has the conversation: the assistant answers nothing until it is released. */
    public boolean waitingForPerson() {
        return handOff != null;
    }
}
