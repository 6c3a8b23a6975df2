package uk.clubreg.messaging;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import uk.clubreg.assistant.ConversationEngine;
import uk.clubreg.conversations.Reply;
import uk.clubreg.persistence.Database;

/**
 * A conversation engine for messaging tests, keeping the engine's contract: each turn takes the conversation's
 * unanswered inbound messages (status received) in order, replies once through {@link WhatsAppReplies} and marks
 * them answered. It records what each turn saw.
 */
public final class RecordingEngine implements ConversationEngine {

    private final Database database;
    private final WhatsAppReplies replies;
    private final List<List<String>> turns = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> calls = Collections.synchronizedList(new ArrayList<>());

    public RecordingEngine(Database database, WhatsAppReplies replies) {
        this.database = database;
        this.replies = replies;
    }

    @Override
    public void respond(long conversationId) {
        calls.add(conversationId);
        List<Long> ids = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        database.withConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT id, body FROM messages
                    WHERE conversation_id = ? AND direction = 'inbound' AND status = 'received' ORDER BY id""")) {
                select.setLong(1, conversationId);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                        bodies.add(rows.getString(2));
                    }
                }
            }
            return null;
        });
        if (ids.isEmpty()) {
            return;
        }
        turns.add(bodies);
        replies.reply(conversationId, "turn:" + ids.getLast(), Reply.text("You said: " + String.join(" / ", bodies)));
        database.withConnection(connection -> {
            try (PreparedStatement answered = connection.prepareStatement(
                    "UPDATE messages SET status = 'answered' WHERE id = ANY (?)")) {
                answered.setArray(1, connection.createArrayOf("bigint", ids.toArray()));
                return answered.executeUpdate();
            }
        });
    }

    /** The conversation of every call, including calls that found nothing to answer. */
    public List<Long> calls() {
        return List.copyOf(calls);
    }

    /** The inbound bodies each turn answered, turn by turn. */
    public List<List<String>> turns() {
        return List.copyOf(turns);
    }

    /** Every inbound body answered, in the order the turns saw them. */
    public List<String> answered() {
        return turns().stream().flatMap(List::stream).toList();
    }
}
