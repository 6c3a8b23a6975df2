package uk.clubreg.conversation;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * AI tokens per player, for /registrations. Tokens are recorded on the outbound message rows of a conversation;
 * siblings share one conversation, so its total is split evenly between its players (rounded down): the per-player
 * figures add up to the conversation's cost, to within a token per player.
 */
public final class TokenUsage {

    public record Tokens(long input, long output) {
        public long total() {
            return input + output;
        }
    }

    private TokenUsage() {}

    public static Map<Long, Tokens> totalsByPlayer(Connection connection, List<Long> playerIds) throws SQLException {
        Map<Long, Tokens> totals = new HashMap<>();
        if (playerIds.isEmpty()) {
            return totals;
        }
        // Only the conversations of the players asked for: the cost does not grow with the club's whole history.
        try (PreparedStatement select = connection.prepareStatement("""
                WITH wanted AS (
                    SELECT DISTINCT conversation_id FROM players
                    WHERE id = ANY (?) AND conversation_id IS NOT NULL),
                conversation_tokens AS (
                    SELECT m.conversation_id, sum(COALESCE(m.input_tokens, 0)) AS input_tokens,
                           sum(COALESCE(m.output_tokens, 0)) AS output_tokens
                    FROM messages m JOIN wanted w ON w.conversation_id = m.conversation_id
                    WHERE m.direction = 'outbound' GROUP BY m.conversation_id),
                siblings AS (
                    SELECT p.conversation_id, count(*) AS players
                    FROM players p JOIN wanted w ON w.conversation_id = p.conversation_id
                    GROUP BY p.conversation_id)
                SELECT p.id, t.input_tokens / s.players, t.output_tokens / s.players
                FROM players p
                JOIN conversation_tokens t ON t.conversation_id = p.conversation_id
                JOIN siblings s ON s.conversation_id = p.conversation_id
                WHERE p.id = ANY (?)""")) {
            Array ids = connection.createArrayOf("bigint", playerIds.toArray());
            select.setArray(1, ids);
            select.setArray(2, ids);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    totals.put(rows.getLong(1), new Tokens(rows.getLong(2), rows.getLong(3)));
                }
            }
        }
        playerIds.forEach(id -> totals.putIfAbsent(id, new Tokens(0, 0)));
        return totals;
    }
}
