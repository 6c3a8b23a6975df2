package uk.clubreg.local.chaos;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import uk.clubreg.persistence.Database;
import uk.clubreg.persistence.Jdbc;

/** What the chaos run left in the database, read for its invariants (docs/reliability.md). */
final class OutcomeRepository {

    /** An outbound row: its key, the SID Twilio answered with (if saved), its status, when it was claimed. */
    record Outbound(long id, String phone, String key, String sid, String status) {}

    /** A player of a chaos parent, with what the registration waits for. */
    record Registration(long playerId, String phone, String status, String stage, boolean optedOut,
                        boolean unreachable, boolean waitingForAPerson, int unansweredMessages, int sendsInFlight) {}

    private final Jdbc jdbc;

    OutcomeRepository(Database database) {
        this.jdbc = new Jdbc(database);
    }

    /** The MessageSids of the inbound messages stored for these parents. */
    List<String> inboundSids(List<String> phones) {
        return jdbc.queryList("SELECT twilio_sid FROM messages WHERE direction = 'inbound' AND phone_e164 = ANY(?)",
                row -> row.getString(1), Jdbc.array("varchar", phones));
    }

    List<Outbound> outbound() {
        return jdbc.queryList("""
                SELECT id, phone_e164, idempotency_key, twilio_sid, status FROM messages
                WHERE direction = 'outbound' ORDER BY id""",
                row -> new Outbound(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getString(5)));
    }

    /** Decided replies: each turn that was not folded into a later one, by the key its reply is sent under. */
    List<String> decidedReplyKeys() {
        return jdbc.queryList("""
                SELECT 'reply:' || last_inbound_message_id FROM conversation_turns WHERE folded_into_turn_id IS NULL""",
                row -> row.getString(1));
    }

    List<Registration> registrations(List<String> phones) {
        return jdbc.queryList("""
                SELECT pl.id, pa.phone_e164, pl.registration_status, pl.stage, pa.opted_out_at IS NOT NULL,
                       pa.unreachable_at IS NOT NULL, c.human_help_requested_at IS NOT NULL,
                       (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound'
                           AND m.status = 'received'),
                       (SELECT count(*) FROM messages m WHERE m.parent_id = pa.id AND m.direction = 'outbound'
                           AND m.status = 'sending')
                FROM players pl JOIN parents pa ON pa.id = pl.parent_id
                LEFT JOIN conversations c ON c.id = pl.conversation_id
                WHERE pa.phone_e164 = ANY(?) ORDER BY pl.id""",
                row -> new Registration(row.getLong(1), row.getString(2), row.getString(3), row.getString(4),
                        row.getBoolean(5), row.getBoolean(6), row.getBoolean(7), row.getInt(8), row.getInt(9)),
                Jdbc.array("varchar", phones));
    }

    /** Jobs still in the outbox, waiting to be published. */
    int unpublishedJobs() {
        return jdbc.queryOne("SELECT count(*) FROM outbox WHERE published_at IS NULL AND quarantined_at IS NULL",
                row -> row.getInt(1)).orElse(0);
    }

    /** The last time any message was written: the run is quiet when this stops moving. */
    Optional<Instant> lastChange() {
        return jdbc.queryOne("SELECT max(updated_at) FROM messages", row -> Jdbc.instant(row, "max"));
    }
}
