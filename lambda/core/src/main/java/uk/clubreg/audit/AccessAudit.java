package uk.clubreg.audit;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import uk.clubreg.http.Endpoint;

/**
 * The access audit: every read of collected details, every export and every erasure, whoever makes it (the API
 * key's routes, the managers' console, the retention run). Record in the transaction that reads or changes the
 * data where there is one, so nothing is returned or removed without its entry (docs/decisions/0090-access-audit.md).
 */
public final class AccessAudit {

    /** At most this many entries in one page of {@link #page}. */
    public static final int MAX_PAGE = 200;

    private final AccessAuditRepository entries;
    private final Clock clock;

    public AccessAudit(AccessAuditRepository entries, Clock clock) {
        this.entries = entries;
        this.clock = clock;
    }

    /**
     * Records that {@code actor} did {@code action} to these parents and players (by id). {@code detail} must hold
     * no personal data: team names, seasons, counts. {@code requestId} may be null. @return the entry's id
     */
    public long record(Actor actor, AuditAction action, Collection<Long> parentIds, Collection<Long> playerIds,
                       Map<String, Object> detail, String requestId) {
        return entries.insert(clock.instant(), actor, action, parentIds, playerIds, detail, requestId);
    }

    /**
     * Records the entry and names it for the rest of the caller's transaction: the one thing that lets the messages
     * trigger allow an erasure's deletes or retention's redaction (migrations V10, V11). Call it inside that
     * transaction, before the change. @return the entry's id
     */
    public long recordForThisTransaction(Actor actor, AuditAction action, Collection<Long> parentIds,
                                         Collection<Long> playerIds, Map<String, Object> detail, String requestId) {
        long id = record(actor, action, parentIds, playerIds, detail, requestId);
        entries.nameInThisTransaction(id);
        return id;
    }

    /** Newest first: up to {@code limit} (1 to {@link #MAX_PAGE}) entries with ids below {@code beforeId}. */
    public List<AuditEntry> page(Long beforeId, AuditAction action, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_PAGE);
        }
        return entries.page(beforeId, action, limit);
    }

    /** Every entry about these parents or players, oldest first: part of a parent's export. */
    public List<AuditEntry> about(Collection<Long> parentIds, Collection<Long> playerIds) {
        return entries.about(parentIds, playerIds);
    }

    /** {@code GET /admin/audit}: pages of the audit, newest first. */
    public Endpoint endpoint() {
        return request -> AuditEndpoint.handle(this, request);
    }
}
