package uk.clubreg.privacy;

import java.time.Instant;
import java.util.List;
import uk.clubreg.persistence.Jdbc;

/**
 * What retention removes (docs/decisions/0093-retention.md): message content of conversations whose registrations
 * all finished before a cutoff, staff notices and messages outside any conversation sent before it, and collected
 * details of seasons long over. Run in the transaction that recorded the run's audit entry for itself.
 */
public final class RetentionRepository {

    /** Conversations with content left to redact (or an OpenAI conversation to delete) whose players all finished. */
    private static final String EXPIRED_CONVERSATIONS = """
            SELECT c.id FROM conversations c
             WHERE EXISTS (SELECT 1 FROM players p WHERE p.conversation_id = c.id)
               AND NOT EXISTS (SELECT 1 FROM players p WHERE p.conversation_id = c.id
                                  AND (p.finished_at IS NULL OR p.finished_at >= ?))
               AND (c.openai_conversation_id IS NOT NULL
                    OR EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = c.id AND m.redacted_at IS NULL))""";

    record Redacted(int messages, List<String> messageSids, List<String> aiConversationIds, int turns) {}

    private final Jdbc jdbc;

    public RetentionRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    List<Long> expiredConversations(Instant finishedBefore) {
        return jdbc.queryList(EXPIRED_CONVERSATIONS + " ORDER BY c.id FOR UPDATE OF c", row -> row.getLong(1),
                finishedBefore);
    }

    /**
     * Empties body, media and template variables of these conversations' messages and of messages outside any
     * conversation sent before {@code sentBefore}; replaces the decided replies and hand-off reasons; forgets the
     * OpenAI conversation ids (returned, for their deletion).
     */
    Redacted redact(List<Long> conversations, Instant sentBefore, Instant now) {
        List<String[]> messages = jdbc.queryList("""
                UPDATE messages SET body = NULL, media = NULL, content_variables = NULL, redacted_at = ?
                 WHERE redacted_at IS NULL AND (conversation_id = ANY (?) OR (conversation_id IS NULL AND created_at < ?))
                RETURNING id, twilio_sid""", row -> new String[] {row.getString(1), row.getString(2)}, now,
                Jdbc.bigints(conversations), sentBefore);
        int turns = jdbc.update("""
                UPDATE conversation_turns SET reply = '{"redacted": true}'::jsonb
                 WHERE conversation_id = ANY (?) AND reply <> '{"redacted": true}'::jsonb""",
                Jdbc.bigints(conversations));
        List<String> aiConversations = jdbc.queryList("""
                SELECT openai_conversation_id FROM conversations
                 WHERE id = ANY (?) AND openai_conversation_id IS NOT NULL ORDER BY id""", row -> row.getString(1),
                Jdbc.bigints(conversations));
        jdbc.update("""
                UPDATE conversations SET openai_conversation_id = NULL, human_help_reason = NULL, updated_at = now()
                 WHERE id = ANY (?)""", Jdbc.bigints(conversations));
        return new Redacted(messages.size(), messages.stream().map(row -> row[1]).filter(sid -> sid != null).toList(),
                aiConversations, turns);
    }

    List<Long> parentsOf(List<Long> conversations) {
        return jdbc.queryList("SELECT DISTINCT parent_id FROM conversations WHERE id = ANY (?) ORDER BY parent_id",
                row -> row.getLong(1), Jdbc.bigints(conversations));
    }

    /** Players whose season starts more than {@code seasonsKept} years before {@code currentSeasonStart}. */
    List<Long> playersWithExpiredDetails(int currentSeasonStart, int seasonsKept) {
        return jdbc.queryList("""
                SELECT id FROM players
                 WHERE details_deleted_at IS NULL AND season ~ '^[0-9]{4}'
                   AND substring(season FROM '^[0-9]{4}')::int < ?
                 ORDER BY id FOR UPDATE""", row -> row.getLong(1), currentSeasonStart - seasonsKept);
    }

    /**
     * Deletes these players' collected details, the assistant's notes, their consent records (the photo consent
     * and the acknowledgement they evidence) and their photos' rows; status and stage stay.
     *
     * @return the keys of the photo files, for the worker to delete from the photo store
     */
    List<String> deleteDetails(List<Long> players, Instant now) {
        jdbc.update("DELETE FROM consents WHERE player_id = ANY (?)", Jdbc.bigints(players));
        List<String> photoKeys = jdbc.queryList(
                "DELETE FROM player_photos WHERE player_id = ANY (?) RETURNING storage_key", row -> row.getString(1),
                Jdbc.bigints(players));
        jdbc.update("""
                UPDATE players SET date_of_birth = NULL, medical_notes = NULL, emergency_contact_name = NULL,
                       emergency_contact_tel = NULL, photo_consent = NULL, kit_size = NULL, registration_notes = NULL,
                       details_deleted_at = ?, updated_at = now()
                 WHERE id = ANY (?)""", now, Jdbc.bigints(players));
        return photoKeys;
    }
}
