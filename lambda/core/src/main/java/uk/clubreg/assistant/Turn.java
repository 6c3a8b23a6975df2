package uk.clubreg.assistant;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import uk.clubreg.conversations.GuidedPrompt;
import uk.clubreg.conversations.InboundMessage;
import uk.clubreg.conversations.Reply;
import uk.clubreg.jobs.Deadline;
import uk.clubreg.players.LastSeason;
import uk.clubreg.players.Player;

/**
 * One turn of the conversation: the burst of messages the parent sent, with what a responder needs to answer it.
 * {@code reinvited}: players the manager invited again while their registration was under way, not yet
 * acknowledged (docs/decisions/0061-existing-registration-only-for-a-reinvitation.md); {@code lastSeason}:
 * returning players' details from their last season; {@code unsentReply}: these messages arrived while the reply to
 * the parent's earlier ones was being decided; that reply was not sent, and this turn's reply is sent instead (null
 * when there was none); {@code guidedPrompt}: a guided-mode question waiting for its answer; {@code deadline}: when
 * the responder has to have decided, so the reply can still be stored and sent in the worker's time;
 * {@code clubSaid}: what the club's own (guided) questions last said to the parent since the AI's last reply, for
 * the AI to read before the messages (null: nothing); {@code language}: the language the parent chose (null: not
 * chosen yet); {@code languageOffered}: the language guided mode offered, while the offer waits for an answer.
 */
public record Turn(long conversationId, String parentFirstName, List<Player> players, List<InboundMessage> messages,
                   Set<Long> reinvited, Map<Long, LastSeason> lastSeason, String openAiConversationId,
                   Reply unsentReply, GuidedPrompt guidedPrompt, Deadline deadline, String clubSaid,
                   String language, String languageOffered) {

    public Turn {
        players = List.copyOf(players);
        messages = List.copyOf(messages);
        reinvited = Set.copyOf(reinvited);
        lastSeason = Map.copyOf(lastSeason);
    }

    /** The manager invited a player again and the parent has not been asked about it yet. */
    public boolean earlierAttempt() {
        return !reinvited.isEmpty();
    }

    /** The same turn after tools changed the players, in this OpenAI conversation. */
    public Turn with(List<Player> currentPlayers, String conversation) {
        return new Turn(conversationId, parentFirstName, currentPlayers, messages, reinvited, lastSeason, conversation,
                unsentReply, guidedPrompt, deadline, clubSaid, language, languageOffered);
    }

    /** The same turn, written in {@code chosen} (the parent's language, just found). */
    public Turn inLanguage(String chosen) {
        return new Turn(conversationId, parentFirstName, players, messages, reinvited, lastSeason,
                openAiConversationId, unsentReply, guidedPrompt, deadline, clubSaid, chosen, languageOffered);
    }

    /** The same turn, telling the AI what the club's own questions last said. */
    public Turn afterClubSaid(String text) {
        return new Turn(conversationId, parentFirstName, players, messages, reinvited, lastSeason,
                openAiConversationId, unsentReply, guidedPrompt, deadline, text, language, languageOffered);
    }

    /** The ids of the burst's messages, oldest first. */
    public List<Long> messageIds() {
        return messages.stream().map(InboundMessage::id).toList();
    }

    /** The burst as one text: one line per message, in order, attachments described ("[photo]"); never empty. */
    public String text() {
        return messages.stream().map(InboundMessage::text).collect(Collectors.joining("\n"));
    }
}
