package uk.clubreg.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import uk.clubreg.json.Json;
import uk.clubreg.messaging.Reply;
import uk.clubreg.persistence.Database;

/** The conversation's rows: its parent and players, unanswered messages, decided turns, AI bookkeeping. */
public final class ConversationRepository {

    /** The conversation row with its parent's first name. */
    public record ConversationRow(long id, String parentFirstName, String openAiConversationId,
                                  Instant humanHelpRequestedAt, Instant aiUnavailableSince,
                                  Instant holdingMessageSentAt) {}

    /** A reply decided but maybe not yet sent. */
    public record DecidedTurn(long id, long lastInboundMessageId, Reply reply) {}

    private final Database database;

    public ConversationRepository(Database database) {
        this.database = database;
    }

    public Optional<ConversationRow> conversation(long conversationId) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT c.id, p.first_name, c.openai_conversation_id, c.human_help_requested_at,
                           c.ai_unavailable_since, c.holding_message_sent_at
                    FROM conversations c JOIN parents p ON p.id = c.parent_id WHERE c.id = ?""")) {
                select.setLong(1, conversationId);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new ConversationRow(row.getLong(1), row.getString(2), row.getString(3),
                            instant(row, 4), instant(row, 5), instant(row, 6)));
                }
            }
        });
    }

    /** The parent's players in this conversation (siblings share it), oldest invitation first. */
    public List<Player> players(long conversationId) {
        return database.withConnection(c -> players(c, conversationId));
    }

    static List<Player> players(Connection connection, long conversationId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT " + Player.COLUMNS + " " + """
                 FROM players p JOIN conversations c ON c.id = p.conversation_id AND c.parent_id = p.parent_id
                 WHERE c.id = ? ORDER BY p.id""")) {
            select.setLong(1, conversationId);
            List<Player> players = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    players.add(Player.from(rows));
                }
            }
            return players;
        }
    }

    /** Inbound messages not answered yet, oldest first. */
    public List<InboundMessage> received(long conversationId) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT id, body, created_at FROM messages
                    WHERE conversation_id = ? AND direction = 'inbound' AND status = 'received' ORDER BY id""")) {
                select.setLong(1, conversationId);
                List<InboundMessage> messages = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        messages.add(new InboundMessage(rows.getLong(1), rows.getString(2), instant(rows, 3)));
                    }
                }
                return messages;
            }
        });
    }

    /** The last {@code limit} messages before {@code beforeMessageId} with text, oldest first. */
    public List<HistoryMessage> history(long conversationId, long beforeMessageId, int limit) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT direction, body FROM messages
                    WHERE conversation_id = ? AND id < ? AND body IS NOT NULL AND body <> ''
                    ORDER BY id DESC LIMIT ?""")) {
                select.setLong(1, conversationId);
                select.setLong(2, beforeMessageId);
                select.setInt(3, limit);
                List<HistoryMessage> history = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        history.add(new HistoryMessage("inbound".equals(rows.getString(1)), rows.getString(2)));
                    }
                }
                Collections.reverse(history);
                return history;
            }
        });
    }

    /** An 'existing' invitation (parent invited again while this conversation was live) not yet acknowledged. */
    public boolean earlierAttemptPending(long conversationId) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT 1 FROM invitations i JOIN players p ON p.id = i.player_id
                    WHERE p.conversation_id = ? AND i.kind = 'existing' AND i.earlier_attempt_answered_at IS NULL""")) {
                select.setLong(1, conversationId);
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next();
                }
            }
        });
    }

    public void acknowledgeEarlierAttempt(long conversationId, Instant now) {
        database.withConnection(c -> {
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE invitations SET earlier_attempt_answered_at = ?
                    WHERE kind = 'existing' AND earlier_attempt_answered_at IS NULL
                      AND player_id IN (SELECT id FROM players WHERE conversation_id = ?)""")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setLong(2, conversationId);
                return update.executeUpdate();
            }
        });
    }

    /**
     * Records the reply to a burst and marks its messages answered, in one transaction: from here on the turn is
     * decided, and a retry sends this reply rather than deciding again.
     */
    public void saveTurn(long conversationId, List<InboundMessage> burst, String engine, Reply reply) {
        database.inTransaction(tx -> {
            try (PreparedStatement insert = tx.prepareStatement("""
                    INSERT INTO conversation_turns
                        (conversation_id, last_inbound_message_id, engine, reply, input_tokens, output_tokens)
                    VALUES (?, ?, ?, ?::jsonb, ?, ?)""")) {
                insert.setLong(1, conversationId);
                insert.setLong(2, burst.getLast().id());
                insert.setString(3, engine);
                insert.setString(4, replyJson(reply));
                insert.setInt(5, reply.inputTokens());
                insert.setInt(6, reply.outputTokens());
                insert.executeUpdate();
            }
            setStatus(tx, burst, "answered");
            try (PreparedStatement touch = tx.prepareStatement(
                    "UPDATE conversations SET last_interaction_at = now(), updated_at = now() WHERE id = ?")) {
                touch.setLong(1, conversationId);
                touch.executeUpdate();
            }
            return null;
        });
    }

    /** Messages that arrive while a manager has the conversation: kept, never answered by the assistant. */
    public void hold(List<InboundMessage> burst) {
        database.inTransaction(tx -> {
            setStatus(tx, burst, "held");
            return null;
        });
    }

    public List<DecidedTurn> unsentTurns(long conversationId) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("""
                    SELECT id, last_inbound_message_id, reply, input_tokens, output_tokens FROM conversation_turns
                    WHERE conversation_id = ? AND sent_at IS NULL ORDER BY id""")) {
                select.setLong(1, conversationId);
                List<DecidedTurn> turns = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        JsonNode reply = Json.read(rows.getString(3));
                        List<String> buttons = new ArrayList<>();
                        reply.path("quick_replies").forEach(b -> buttons.add(b.asText()));
                        turns.add(new DecidedTurn(rows.getLong(1), rows.getLong(2),
                                new Reply(reply.path("text").asText(), buttons, rows.getInt(4), rows.getInt(5))));
                    }
                }
                return turns;
            }
        });
    }

    public void markSent(long turnId) {
        update("UPDATE conversation_turns SET sent_at = now() WHERE id = ?", turnId);
    }

    /** The first failed AI attempt of an outage; returns when the outage started. */
    public Instant startOutage(long conversationId, Instant now) {
        return database.withConnection(c -> {
            try (PreparedStatement update = c.prepareStatement("""
                    UPDATE conversations SET ai_unavailable_since = COALESCE(ai_unavailable_since, ?)
                    WHERE id = ? RETURNING ai_unavailable_since""")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setLong(2, conversationId);
                try (ResultSet row = update.executeQuery()) {
                    row.next();
                    return instant(row, 1);
                }
            }
        });
    }

    public void markHoldingMessageSent(long conversationId, Instant now) {
        database.withConnection(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE conversations SET holding_message_sent_at = ? WHERE id = ?")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setLong(2, conversationId);
                return update.executeUpdate();
            }
        });
    }

    public void endOutage(long conversationId) {
        update("UPDATE conversations SET ai_unavailable_since = NULL, holding_message_sent_at = NULL WHERE id = ?",
                conversationId);
    }

    public void setOpenAiConversationId(long conversationId, String openAiConversationId) {
        database.withConnection(c -> {
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE conversations SET openai_conversation_id = ? WHERE id = ?")) {
                update.setString(1, openAiConversationId);
                update.setLong(2, conversationId);
                return update.executeUpdate();
            }
        });
    }

    private void update(String sql, long id) {
        database.withConnection(c -> {
            try (PreparedStatement update = c.prepareStatement(sql)) {
                update.setLong(1, id);
                return update.executeUpdate();
            }
        });
    }

    private static void setStatus(Connection tx, List<InboundMessage> messages, String status) throws SQLException {
        try (PreparedStatement update = tx.prepareStatement("""
                UPDATE messages SET status = ?, updated_at = now() WHERE id = ANY (?) AND status = 'received'""")) {
            update.setString(1, status);
            update.setArray(2, tx.createArrayOf("bigint", messages.stream().map(InboundMessage::id).toArray()));
            update.executeUpdate();
        }
    }

    private static String replyJson(Reply reply) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("text", reply.text());
        reply.quickReplies().forEach(node.putArray("quick_replies")::add);
        return Json.write(node);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
