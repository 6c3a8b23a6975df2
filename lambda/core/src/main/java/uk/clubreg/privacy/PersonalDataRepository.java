package uk.clubreg.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.clubreg.encryption.FieldEncryption;
import uk.clubreg.json.Json;
import uk.clubreg.persistence.Jdbc;
import uk.clubreg.players.PlayerRepository;

/**
 * A parent's rows across every table, found and removed in one place: erasure spans the aggregates by design
 * (docs/decisions/0091-erasure-of-a-parent.md). {@link #ERASED} and {@link #KEPT} name every table of the schema; a
 * test fails when a new table is in neither.
 */
public final class PersonalDataRepository {

    /** Tables a parent's rows are deleted from, in an order the foreign keys allow. */
    public static final List<String> ERASED = List.of("outbox", "ai_tool_writes", "conversation_turns", "consents",
            "player_photos",
            "messages", "invitations", "players", "conversations", "parents");

    /** The console's tables that name a number: sign-in codes, attempts and sessions (a parent may manage a team). */
    public static final List<String> ERASED_BY_NUMBER = List.of("console_sign_in_codes", "console_sign_in_events",
            "console_sessions");

    /**
     * Tables that hold no personal data: the audit (ids only), early delivery statuses (a SID, for moments), the
     * console's signing key, Flyway's.
     */
    public static final List<String> KEPT = List.of("access_audit", "early_status_callbacks", "console_keys",
            "flyway_schema_history");

    private record Message(long id, String sid) {}

    private final Jdbc jdbc;
    private final FieldEncryption encryption;

    /** @param encryption opens the players' sealed columns for the export, the parent's own copy (decision 0097) */
    public PersonalDataRepository(Jdbc jdbc, FieldEncryption encryption) {
        this.jdbc = jdbc;
        this.encryption = encryption;
    }

    /** The parent's id, their row locked until commit so no invitation slips in meanwhile. */
    Optional<Long> lockParent(String phone) {
        return jdbc.queryOne("SELECT id FROM parents WHERE phone_e164 = ? FOR UPDATE", row -> row.getLong(1), phone);
    }

    Footprint footprint(Long parentId, String phone) {
        Object parent = Jdbc.nullableLong(parentId);
        List<Long> players = ids("SELECT id FROM players WHERE parent_id = ? ORDER BY id", parent);
        List<Long> invitations = ids("SELECT id FROM invitations WHERE player_id = ANY (?) ORDER BY id",
                Jdbc.bigints(players));
        List<Long> consents = ids("SELECT id FROM consents WHERE player_id = ANY (?) ORDER BY id",
                Jdbc.bigints(players));
        List<Long> photos = ids("SELECT id FROM player_photos WHERE player_id = ANY (?) ORDER BY id",
                Jdbc.bigints(players));
        List<Long> conversations = ids("SELECT id FROM conversations WHERE parent_id = ? ORDER BY id", parent);
        List<Long> turns = ids("SELECT id FROM conversation_turns WHERE conversation_id = ANY (?) ORDER BY id",
                Jdbc.bigints(conversations));
        // The parent's own messages, notices to the club's people about their conversations or children (by the
        // notice's key, or because it quotes the parent's number), and template re-sends of any of these.
        List<Message> messages = jdbc.queryList("""
                WITH RECURSIVE related(id) AS (
                    SELECT id FROM messages
                     WHERE parent_id = ? OR phone_e164 = ? OR conversation_id = ANY (?)
                        OR (parent_id IS NULL AND conversation_id IS NULL AND direction = 'outbound' AND (
                            strpos(coalesce(body, '') || coalesce(content_variables::text, ''), ?) > 0
                            OR EXISTS (SELECT 1 FROM unnest(?::bigint[]) c
                                        WHERE idempotency_key LIKE 'hand-off:' || c || ':%'
                                           OR idempotency_key LIKE 'escalation:' || c || ':%')
                            OR EXISTS (SELECT 1 FROM unnest(?::bigint[]) p
                                        WHERE idempotency_key LIKE 'completed:' || p || ':%')))
                    UNION
                    SELECT m.id FROM messages m JOIN related r ON m.retry_of_message_id = r.id)
                SELECT id, twilio_sid FROM messages WHERE id IN (SELECT id FROM related) ORDER BY id""",
                row -> new Message(row.getLong(1), row.getString(2)), parent, phone, Jdbc.bigints(conversations),
                phone, Jdbc.bigints(conversations), Jdbc.bigints(players));
        List<Long> outbox = ids("SELECT id FROM outbox WHERE message_group_id = ? ORDER BY id", phone);
        List<String> aiConversations = jdbc.queryList("""
                SELECT openai_conversation_id FROM conversations
                 WHERE id = ANY (?) AND openai_conversation_id IS NOT NULL ORDER BY id""",
                row -> row.getString(1), Jdbc.bigints(conversations));
        return new Footprint(parentId, players, invitations, consents, photos, conversations, turns,
                messages.stream().map(Message::id).toList(), outbox,
                messages.stream().map(Message::sid).filter(sid -> sid != null).toList(), aiConversations);
    }

    /** The rows of one of {@link #ERASED} with these ids, each as its columns in JSON, oldest first. */
    List<JsonNode> rows(String table, List<Long> ids) {
        if (!ERASED.contains(table)) {
            throw new IllegalArgumentException("Not a table of personal data: " + table);
        }
        return jdbc.queryList("SELECT row_to_json(t)::text FROM " + table + " t WHERE id = ANY (?) ORDER BY id",
                row -> opened(table, Json.read(row.getString(1))), Jdbc.bigints(ids));
    }

    private JsonNode opened(String table, JsonNode row) {
        if (table.equals("players") && row instanceof ObjectNode player) {
            for (String column : PlayerRepository.ENCRYPTED) {
                if (player.path(column).isTextual()) {
                    player.put(column, encryption.decrypt(column, player.path(column).asText()));
                }
            }
        }
        return row;
    }

    /**
     * Deletes the footprint's rows, in the transaction that recorded the erasure's audit entry for itself (the
     * messages' append-only trigger allows a delete only then). @return rows deleted per table
     */
    Map<String, Integer> delete(Footprint footprint) {
        Map<String, List<Long>> ids = new LinkedHashMap<>();
        ids.put("outbox", footprint.outboxJobs());
        // An interrupted AI turn's record of its tool writes: digests only, so not part of the export.
        ids.put("ai_tool_writes", ids("SELECT id FROM ai_tool_writes WHERE conversation_id = ANY (?)",
                Jdbc.bigints(footprint.conversations())));
        ids.put("conversation_turns", footprint.turns());
        ids.put("consents", footprint.consents());
        ids.put("player_photos", footprint.photos());
        ids.put("messages", footprint.messages());
        ids.put("invitations", footprint.invitations());
        ids.put("players", footprint.players());
        ids.put("conversations", footprint.conversations());
        ids.put("parents", footprint.parentIds());
        // A later season's registration of the same child under another parent's number keeps its own details.
        jdbc.update("UPDATE players SET previous_player_id = NULL WHERE previous_player_id = ANY (?)",
                Jdbc.bigints(footprint.players()));
        Map<String, Integer> deleted = new LinkedHashMap<>();
        for (String table : ERASED) {
            deleted.put(table, jdbc.update("DELETE FROM " + table + " WHERE id = ANY (?)",
                    Jdbc.bigints(ids.get(table))));
        }
        return deleted;
    }

    /** Deletes the rows of {@link #ERASED_BY_NUMBER} that name this number. @return rows deleted per table */
    Map<String, Integer> deleteByNumber(String phone) {
        Map<String, Integer> deleted = new LinkedHashMap<>();
        for (String table : ERASED_BY_NUMBER) {
            deleted.put(table, jdbc.update("DELETE FROM " + table + " WHERE phone_e164 = ?", phone));
        }
        return deleted;
    }

    private List<Long> ids(String sql, Object parameter) {
        return new ArrayList<>(jdbc.queryList(sql, PersonalDataRepository::id, parameter));
    }

    private static long id(ResultSet row) throws SQLException {
        return row.getLong(1);
    }
}
