package uk.clubreg.assistant;

import java.util.List;
import java.util.stream.Collectors;
import uk.clubreg.conversations.InboundMessage;
import uk.clubreg.players.Player;

/**
 * One turn of the conversation: the burst of messages the parent sent, with what a responder needs to answer it.
 * {@code earlierAttempt}: the parent was invited again while this conversation was live (decision 0047).
 */
public record Turn(long conversationId, String parentFirstName, List<Player> players, List<InboundMessage> messages,
                   boolean earlierAttempt, String openAiConversationId) {

    public Turn {
        players = List.copyOf(players);
        messages = List.copyOf(messages);
    }

    /** The burst as one text: one line per message, in order. */
    public String text() {
        return messages.stream().map(m -> m.body() == null ? "" : m.body()).collect(Collectors.joining("\n"));
    }
}
