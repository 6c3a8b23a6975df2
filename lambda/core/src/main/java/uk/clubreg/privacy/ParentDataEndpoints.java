package uk.clubreg.privacy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import uk.clubreg.audit.Actor;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.phone.PhoneNumbers;

/** The routes of a parent's access and erasure requests, as JSON. {@code {tel}} is E.164 or a national number. */
final class ParentDataEndpoints {

    private ParentDataEndpoints() {}

    /** 200 everything held; 404 nothing held; 400 not a phone number. */
    static HttpResponse export(ParentData parents, String region, HttpRequest request) {
        Optional<String> phone = phone(request, region);
        if (phone.isEmpty()) {
            return invalidTel(request);
        }
        Optional<Map<String, Object>> held = parents.export(phone.get(), Actor.API_KEY, request.requestId());
        if (held.isEmpty()) {
            return HttpResponse.error(404, "not_found", "Nothing is held about this number", request.requestId(),
                    null);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("request_id", request.requestId());
        json.putAll(held.get());
        return HttpResponse.json(200, json);
    }

    /** 200 with what was removed (all zero, {@code erased} false, when nothing was held); 400 not a number. */
    static HttpResponse erase(ParentData parents, String region, HttpRequest request) {
        Optional<String> phone = phone(request, region);
        if (phone.isEmpty()) {
            return invalidTel(request);
        }
        Erasure erasure = parents.erase(phone.get(), Actor.API_KEY, request.requestId());
        Map<String, Object> processors = new LinkedHashMap<>();
        processors.put("twilio_messages", erasure.messageRecords());
        processors.put("openai_conversations", erasure.aiConversations());
        processors.put("photos", erasure.photos());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("request_id", request.requestId());
        json.put("erased", erasure.found());
        json.put("removed", erasure.removed());
        json.put("processor_deletions_queued", processors);
        json.put("audit_entry_id", erasure.auditEntryId());
        return HttpResponse.json(200, json);
    }

    private static Optional<String> phone(HttpRequest request, String region) {
        // API Gateway and the local stack decode the path; a caller's %2B may still arrive encoded.
        String tel = request.pathParameters().getOrDefault("tel", "").replace("%2B", "+").replace("%2b", "+");
        return tel.length() > 32 ? Optional.empty() : PhoneNumbers.toE164(tel, region);
    }

    private static HttpResponse invalidTel(HttpRequest request) {
        return HttpResponse.error(400, "invalid_tel", "Not a phone number: use E.164 (+447700900123, + as %2B) "
                + "or a national number (07700900123)", request.requestId(), null);
    }
}
