package uk.clubreg.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import uk.clubreg.json.Json;
import uk.clubreg.persistence.Jdbc;

/** The {@code access_audit} table: rows are only ever added. */
public final class AccessAuditRepository {

    private static final String COLUMNS = "id, at, actor_kind, actor_id, action, parent_ids, player_ids, detail, "
            + "request_id";
    private static final TypeReference<Map<String, Object>> DETAIL = new TypeReference<>() {};

    private final Jdbc jdbc;

    public AccessAuditRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public long insert(Instant at, Actor actor, AuditAction action, Collection<Long> parentIds,
                       Collection<Long> playerIds, Map<String, Object> detail, String requestId) {
        return jdbc.queryOne("""
                INSERT INTO access_audit (at, actor_kind, actor_id, action, parent_ids, player_ids, detail, request_id)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?) RETURNING id""", row -> row.getLong(1), at,
                actor.kind().wireName(), actor.id(), action.wireName(), Jdbc.bigints(parentIds),
                Jdbc.bigints(playerIds), Json.write(detail), requestId).orElseThrow();
    }

    /** Sets the transaction-local {@code clubreg.audit_entry} that the messages trigger checks. */
    void nameInThisTransaction(long id) {
        jdbc.queryOne("SELECT set_config('clubreg.audit_entry', ?, true)", row -> row.getString(1), String.valueOf(id));
    }

    /** Newest first, ids below {@code beforeId} (null: from the newest), of one action or (null) all. */
    public List<AuditEntry> page(Long beforeId, AuditAction action, int limit) {
        return jdbc.queryList("SELECT " + COLUMNS + """
                 FROM access_audit
                WHERE (?::bigint IS NULL OR id < ?::bigint) AND (?::varchar IS NULL OR action = ?::varchar)
                ORDER BY id DESC LIMIT ?""", AccessAuditRepository::read, Jdbc.nullableLong(beforeId),
                Jdbc.nullableLong(beforeId), wire(action), wire(action), limit);
    }

    /** Every entry naming one of these parents or players, oldest first. */
    public List<AuditEntry> about(Collection<Long> parentIds, Collection<Long> playerIds) {
        return jdbc.queryList("SELECT " + COLUMNS
                + " FROM access_audit WHERE parent_ids && ? OR player_ids && ? ORDER BY id",
                AccessAuditRepository::read, Jdbc.bigints(parentIds), Jdbc.bigints(playerIds));
    }

    private static Object wire(AuditAction action) {
        return Jdbc.nullable(action == null ? null : action.wireName(), Types.VARCHAR);
    }

    private static AuditEntry read(ResultSet row) throws SQLException {
        return new AuditEntry(row.getLong("id"), Jdbc.instant(row, "at"),
                new Actor(Actor.Kind.fromWire(row.getString("actor_kind")), row.getString("actor_id")),
                AuditAction.fromWire(row.getString("action")), ids(row.getArray("parent_ids")),
                ids(row.getArray("player_ids")), Json.MAPPER.convertValue(Json.read(row.getString("detail")), DETAIL),
                row.getString("request_id"));
    }

    private static List<Long> ids(Array array) throws SQLException {
        return Arrays.stream((Long[]) array.getArray()).toList();
    }
}
