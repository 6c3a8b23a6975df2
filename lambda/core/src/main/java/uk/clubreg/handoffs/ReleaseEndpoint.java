package uk.clubreg.handoffs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import uk.clubreg.http.Endpoint;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;

/**
 * {@code POST /admin/conversations/{conversation_id}/release}: 200 released (with how many held messages the
 * assistant now answers), 404 no such conversation, 409 no person had it.
 */
final class ReleaseEndpoint implements Endpoint {

    private final HandOffs handOffs;

    ReleaseEndpoint(HandOffs handOffs) {
        this.handOffs = handOffs;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        Optional<Long> conversationId = request.idParameter("conversation_id");
        if (conversationId.isEmpty()) {
            return HttpResponse.error(404, "not_found", "No such conversation", request.requestId(), null);
        }
        HandOffs.Release release = handOffs.release(conversationId.get());
        return switch (release.outcome()) {
            case NOT_FOUND -> HttpResponse.error(404, "not_found", "No such conversation", request.requestId(), null);
            case NOT_WAITING_FOR_A_PERSON -> HttpResponse.error(409, "not_waiting_for_a_person",
                    "The assistant already has this conversation: nobody asked for a person, or it was released",
                    request.requestId(), null);
            case RELEASED -> {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("request_id", request.requestId());
                json.put("conversation_id", release.conversationId());
                json.put("released", true);
                json.put("held_messages", release.heldMessages());
                yield HttpResponse.json(200, json);
            }
        };
    }
}
