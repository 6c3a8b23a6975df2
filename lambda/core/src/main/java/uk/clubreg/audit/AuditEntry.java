package uk.clubreg.audit;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One audit row: who ({@code actor}), what ({@code action} on parents and players by id), when ({@code at}), and a
 * {@code detail} that never holds personal data (team names, seasons, counts). {@code requestId} ties it to the
 * request's log lines; null for work no request started.
 */
public record AuditEntry(long id, Instant at, Actor actor, AuditAction action, List<Long> parentIds,
                         List<Long> playerIds, Map<String, Object> detail, String requestId) {

    public AuditEntry {
        parentIds = List.copyOf(parentIds);
        playerIds = List.copyOf(playerIds);
        detail = Collections.unmodifiableMap(new LinkedHashMap<>(detail));
    }

    /** As JSON: {@code GET /admin/audit} and a parent's export show entries this way. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("at", at);
        json.put("actor", Map.of("kind", actor.kind().wireName(), "id", actor.id()));
        json.put("action", action.wireName());
        json.put("parent_ids", parentIds);
        json.put("player_ids", playerIds);
        json.put("detail", detail);
        json.put("request_id", requestId);
        return json;
    }
}
