package uk.clubreg.invitations;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.clubreg.http.Endpoint;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.json.Json;

/**
 * {@code POST /trigger}: one invitation object (201 new, 200 already made) or an array of up to 100 (200, one
 * result per item; an invalid item is reported and does not stop the others; the valid ones are written in one
 * transaction). Bad requests are refused before anything is written.
 */
public final class TriggerEndpoint implements Endpoint {

    static final int MAX_BODY_BYTES = 64 * 1024;
    static final int MAX_BULK_ITEMS = 100;

    private final InvitationParser parser;
    private final InvitationService service;

    public TriggerEndpoint(InvitationParser parser, InvitationService service) {
        this.parser = parser;
        this.service = service;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        String requestId = request.requestId();
        if (!isJson(request.mediaType())) {
            return HttpResponse.error(415, "unsupported_media_type", "Send Content-Type: application/json",
                    requestId, null);
        }
        if (request.body().getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            return HttpResponse.error(413, "payload_too_large", "The body must be at most 64 KB", requestId, null);
        }
        JsonNode body;
        try {
            body = Json.readExact(request.body());
        } catch (IllegalArgumentException e) {
            return HttpResponse.error(400, "malformed_json", "The body is not valid JSON", requestId, null);
        }
        if (body != null && body.isArray()) {
            return bulk(body, requestId);
        }
        if (body == null || !body.isObject()) {
            return HttpResponse.error(400, "malformed_json",
                    "The body must be an invitation object or an array of them", requestId, null);
        }
        return switch (parser.parse(body)) {
            case InvitationParser.Invalid invalid -> HttpResponse.error(400, "invalid_invitation",
                    "Some fields are missing or wrong", requestId, invalid.fieldErrors());
            case InvitationParser.Valid valid -> {
                InvitationResult result = service.invite(valid.request(), requestId);
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("request_id", requestId);
                json.putAll(describe(result));
                yield HttpResponse.json(result.created() ? 201 : 200, json);
            }
        };
    }

    private HttpResponse bulk(JsonNode items, String requestId) {
        if (items.isEmpty() || items.size() > MAX_BULK_ITEMS) {
            return HttpResponse.error(400, "invalid_bulk_size",
                    "Send between 1 and " + MAX_BULK_ITEMS + " invitations at once", requestId, null);
        }
        // Every item is validated first; the valid ones are written together (one transaction, batched jobs).
        List<Map<String, Object>> results = new ArrayList<>();
        List<InvitationRequest> valid = new ArrayList<>();
        List<Map<String, Object>> validItems = new ArrayList<>();
        int invalid = 0;
        for (int index = 0; index < items.size(); index++) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("index", index);
            switch (parser.parse(items.get(index))) {
                case InvitationParser.Invalid errors -> {
                    invalid++;
                    item.put("http_status", 400);
                    item.put("error", "invalid_invitation");
                    item.put("fields", errors.fieldErrors());
                }
                case InvitationParser.Valid request -> {
                    valid.add(request.request());
                    validItems.add(item);
                }
            }
            results.add(item);
        }
        List<InvitationResult> invited = valid.isEmpty() ? List.of() : service.inviteAll(valid, requestId);
        int created = 0;
        int reinvited = 0;
        for (int i = 0; i < invited.size(); i++) {
            InvitationResult result = invited.get(i);
            if (result.created()) {
                created++;
            }
            if (result.reinvited()) {
                reinvited++;
            }
            validItems.get(i).put("http_status", result.created() ? 201 : 200);
            validItems.get(i).putAll(describe(result));
        }
        int existing = invited.size() - created;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("request_id", requestId);
        json.put("created", created);
        json.put("already_invited", existing);
        json.put("reinvited", reinvited);
        json.put("invalid", invalid);
        json.put("results", results);
        return HttpResponse.json(200, json);
    }

    private static Map<String, Object> describe(InvitationResult result) {
        Invitation invitation = result.invitation();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("invitation_id", invitation.id());
        json.put("player_id", invitation.playerId());
        json.put("status", invitation.status().wireName());
        json.put("kind", invitation.kind().wireName());
        json.put("created", result.created());
        json.put("reinvited", result.reinvited());
        Map<String, Object> player = new LinkedHashMap<>();
        player.put("first_name", invitation.player().firstName());
        player.put("last_name", invitation.player().lastName());
        player.put("membership_fee_amount", invitation.player().membershipFee());
        player.put("subscription_fee_amount", invitation.player().subscriptionFee());
        json.put("player", player);
        Map<String, Object> parent = new LinkedHashMap<>();
        parent.put("tel", invitation.parent().tel());
        parent.put("first_name", invitation.parent().firstName());
        parent.put("last_name", invitation.parent().lastName());
        json.put("parent", parent);
        Map<String, Object> team = new LinkedHashMap<>();
        team.put("club", invitation.team().club());
        team.put("name", invitation.team().name());
        team.put("age_group", invitation.team().ageGroup());
        team.put("season", invitation.team().season());
        team.put("manager_full_name", invitation.team().managerFullName());
        team.put("manager_tel", invitation.team().managerTel());
        json.put("team", team);
        return json;
    }

    private static boolean isJson(String mediaType) {
        return mediaType.equals("application/json") || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    }
}
