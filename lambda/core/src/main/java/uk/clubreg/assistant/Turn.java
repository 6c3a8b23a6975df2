package uk.clubreg.assistant;

import java.util.List;
import java.util.stream.Collectors;
import uk.clubreg.conversations.InboundMessage;
import uk.clubreg.conversations.Reply;
import uk.clubreg.players.Player;

/**
 * One turn of the conversation: the burst of messages the parent sent, with what a responder needs to answer it.
 * {@code earlierAttempt}: the parent was invited again while this conversation was live (decision 0047).
 * {@code unsentReply}: these messages arrived while the reply to the parent's earlier ones was being decided; that
 * reply was not sent, and this turn's reply is sent instead (null when there was none).
 */
public record Turn(long conversationId, String parentFirstName, List<Player> players, List<InboundMessage> messages,
                   boolean earlierAttempt, String openAiConversationId, Reply unsentReply) {

    public Turn {
        players = List.copyOf(players);
        messages = List.copyOf(messages);
    }

    /** The burst as one text: one line per message, in order. */
    public String text() {
        return messages.stream().map(m -> m.body() == null ? "" : m.body()).collect(Collectors.joining("\n"));
    }
}
