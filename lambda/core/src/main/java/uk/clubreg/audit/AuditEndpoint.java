package uk.clubreg.audit;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;

/**
 * {@code GET /admin/audit?limit=50&before=<id>&action=export}: the newest entries first; {@code next_before} is the
 * {@code before} of the next page (null on the last one).
 */
final class AuditEndpoint {

    private static final Set<String> PARAMETERS = Set.of("limit", "before", "action");
    private static final int DEFAULT_LIMIT = 50;

    private AuditEndpoint() {}

    static HttpResponse handle(AccessAudit audit, HttpRequest request) {
        Map<String, String> errors = new TreeMap<>();
        request.query().keySet().stream().filter(name -> !PARAMETERS.contains(name))
                .forEach(name -> errors.put(name.length() > 50 ? name.substring(0, 50) + "…" : name,
                        "is not a parameter of /admin/audit"));
        int limit = DEFAULT_LIMIT;
        String limitText = request.query().getOrDefault("limit", "");
        if (!limitText.isEmpty()) {
            if (limitText.matches("[0-9]{1,3}") && Integer.parseInt(limitText) >= 1
                    && Integer.parseInt(limitText) <= AccessAudit.MAX_PAGE) {
                limit = Integer.parseInt(limitText);
            } else {
                errors.put("limit", "must be a whole number from 1 to " + AccessAudit.MAX_PAGE);
            }
        }
        Long before = null;
        String beforeText = request.query().getOrDefault("before", "");
        if (!beforeText.isEmpty()) {
            if (beforeText.matches("[1-9][0-9]{0,17}")) {
                before = Long.parseLong(beforeText);
            } else {
                errors.put("before", "must be an entry id");
            }
        }
        AuditAction action = null;
        String actionText = request.query().getOrDefault("action", "");
        if (!actionText.isEmpty()) {
            try {
                action = AuditAction.fromWire(actionText);
            } catch (IllegalArgumentException e) {
                errors.put("action", "must be one of " + String.join(", ", wireNames()));
            }
        }
        if (!errors.isEmpty()) {
            return HttpResponse.error(400, "invalid_query", "Some query parameters are wrong", request.requestId(),
                    errors);
        }
        List<AuditEntry> page = audit.page(before, action, limit);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("request_id", request.requestId());
        json.put("entries", page.stream().map(AuditEntry::toJson).toList());
        json.put("next_before", page.size() == limit ? page.getLast().id() : null);
        return HttpResponse.json(200, json);
    }

    private static List<String> wireNames() {
        return Arrays.stream(AuditAction.values()).map(AuditAction::wireName).toList();
    }
}
