package uk.clubreg.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import uk.clubreg.persistence.Jdbc;

/** The console's own tables: its key, sign-in codes, sign-in events and sessions (db/migrations, V8). */
public final class ConsoleRepository {

    /** A code that may still be tried, locked until the transaction ends. */
    record LiveCode(long id, byte[] codeHash, int attempts) {}

    /** A code waiting to be sent: the number it goes to and the code, sealed. */
    record CodeToSend(String phone, byte[] sealedCode) {}

    /** A session that has neither expired nor been revoked. */
    record Session(long id, String phone, Instant createdAt, Instant lastUsedAt, Instant expiresAt) {}

    enum Event {
        CODE_REQUESTED("code_requested"), CODE_REFUSED("code_refused");

        private final String wireName;

        Event(String wireName) {
            this.wireName = wireName;
        }
    }

    private final Jdbc jdbc;

    public ConsoleRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The console's key: {@code candidate} if none was stored yet, else the stored one. */
    byte[] key(byte[] candidate) {
        jdbc.update("INSERT INTO console_keys (id, secret) VALUES (1, ?) ON CONFLICT (id) DO NOTHING", candidate);
        return jdbc.queryOne("SELECT secret FROM console_keys WHERE id = 1", row -> row.getBytes(1)).orElseThrow();
    }

    // --- Sign-in codes ---

    long insertCode(String phone, byte[] codeHash, byte[] sealedCode, String sourceIp, Instant expiresAt) {
        return jdbc.queryOne("""
                INSERT INTO console_sign_in_codes (phone_e164, code_hash, sealed_code, source_ip, expires_at)
                VALUES (?, ?, ?, ?, ?) RETURNING id""", row -> row.getLong(1), phone, codeHash, sealedCode,
                sourceIp, expiresAt).orElseThrow();
    }

    /** The number's latest code, if it is unused, unexpired and has attempts left. */
    Optional<LiveCode> liveCodeForUpdate(String phone, Instant now, int maxAttempts) {
        return jdbc.queryOne("""
                SELECT id, code_hash, attempts FROM (
                    SELECT id, code_hash, attempts, used_at, expires_at FROM console_sign_in_codes
                    WHERE phone_e164 = ? ORDER BY id DESC LIMIT 1 FOR UPDATE) latest
                WHERE used_at IS NULL AND expires_at > ? AND attempts < ?""",
                row -> new LiveCode(row.getLong(1), row.getBytes(2), row.getInt(3)), phone, now, maxAttempts);
    }

    void countAttempt(long codeId) {
        jdbc.update("UPDATE console_sign_in_codes SET attempts = attempts + 1 WHERE id = ?", codeId);
    }

    void markUsed(long codeId, Instant now) {
        jdbc.update("UPDATE console_sign_in_codes SET used_at = ? WHERE id = ?", now, codeId);
    }

    /** The code still to send; empty once it has been sent (or was never sendable). */
    Optional<CodeToSend> codeToSend(long codeId) {
        return jdbc.queryOne("""
                SELECT phone_e164, sealed_code FROM console_sign_in_codes WHERE id = ? AND sealed_code IS NOT NULL""",
                row -> new CodeToSend(row.getString(1), row.getBytes(2)), codeId);
    }

    /** Forgets the sealed code: from now on only its hash exists. */
    void forgetSealedCode(long codeId) {
        jdbc.update("UPDATE console_sign_in_codes SET sealed_code = NULL WHERE id = ?", codeId);
    }

    // --- Limits ---

    void recordEvent(Event event, String phone, String sourceIp, Instant now) {
        jdbc.update("""
                INSERT INTO console_sign_in_events (kind, phone_e164, source_ip, created_at) VALUES (?, ?, ?, ?)""",
                event.wireName, phone, sourceIp, now);
    }

    int eventsForPhone(Event event, String phone, Instant since) {
        return jdbc.queryOne("""
                SELECT count(*) FROM console_sign_in_events WHERE phone_e164 = ? AND kind = ? AND created_at > ?""",
                row -> row.getInt(1), phone, event.wireName, since).orElse(0);
    }

    int eventsFromAddress(Event event, String sourceIp, Instant since) {
        return jdbc.queryOne("""
                SELECT count(*) FROM console_sign_in_events WHERE source_ip = ? AND kind = ? AND created_at > ?""",
                row -> row.getInt(1), sourceIp, event.wireName, since).orElse(0);
    }

    // --- Sessions ---

    private static final String SESSION_COLUMNS = "id, phone_e164, created_at, last_used_at, expires_at ";

    long insertSession(byte[] tokenHash, String phone, Instant now, Instant expiresAt) {
        return jdbc.queryOne("""
                INSERT INTO console_sessions (token_hash, phone_e164, created_at, last_used_at, expires_at)
                VALUES (?, ?, ?, ?, ?) RETURNING id""",
                row -> row.getLong(1), tokenHash, phone, now, now, expiresAt).orElseThrow();
    }

    Optional<Session> session(byte[] tokenHash, Instant now) {
        return jdbc.queryOne("SELECT " + SESSION_COLUMNS + """
                 FROM console_sessions WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?""",
                ConsoleRepository::session, tokenHash, now);
    }

    /** Live sessions, most recently used first: everyone's, or one number's when {@code phone} is given. */
    List<Session> liveSessions(Optional<String> phone, Instant now) {
        return jdbc.queryList("SELECT " + SESSION_COLUMNS + """
                 FROM console_sessions
                WHERE revoked_at IS NULL AND expires_at > ? AND (CAST(? AS varchar) IS NULL OR phone_e164 = CAST(? AS varchar))
                ORDER BY last_used_at DESC, id DESC""",
                ConsoleRepository::session, now, phone.orElse(null), phone.orElse(null));
    }

    Optional<Session> liveSession(long sessionId, Instant now) {
        return jdbc.queryOne("SELECT " + SESSION_COLUMNS + """
                 FROM console_sessions WHERE id = ? AND revoked_at IS NULL AND expires_at > ?""",
                ConsoleRepository::session, sessionId, now);
    }

    void touchSession(long sessionId, Instant now) {
        jdbc.update("UPDATE console_sessions SET last_used_at = ? WHERE id = ?", now, sessionId);
    }

    void revokeSession(long sessionId, Instant now) {
        jdbc.update("UPDATE console_sessions SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", now, sessionId);
    }

    /** Revokes every live session of the number; how many there were. */
    int revokeSessionsOf(String phone, Instant now) {
        return jdbc.update("UPDATE console_sessions SET revoked_at = ? WHERE phone_e164 = ? AND revoked_at IS NULL",
                now, phone);
    }

    private static Session session(ResultSet row) throws SQLException {
        return new Session(row.getLong("id"), row.getString("phone_e164"), Jdbc.instant(row, "created_at"),
                Jdbc.instant(row, "last_used_at"), Jdbc.instant(row, "expires_at"));
    }
}
