package uk.clubreg.conversation;

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
        try (PreparedStatement select = connection.prepareStatement("""
                WITH conversation_tokens AS (
                    SELECT conversation_id, sum(COALESCE(input_tokens, 0)) AS input_tokens,
                           sum(COALESCE(output_tokens, 0)) AS output_tokens
                    FROM messages WHERE direction = 'outbound' GROUP BY conversation_id),
                siblings AS (
                    SELECT conversation_id, count(*) AS players FROM players
                    WHERE conversation_id IS NOT NULL GROUP BY conversation_id)
                SELECT p.id, t.input_tokens / s.players, t.output_tokens / s.players
                FROM players p
                JOIN conversation_tokens t ON t.conversation_id = p.conversation_id
                JOIN siblings s ON s.conversation_id = p.conversation_id
                WHERE p.id = ANY (?)""")) {
            select.setArray(1, connection.createArrayOf("bigint", playerIds.toArray()));
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
