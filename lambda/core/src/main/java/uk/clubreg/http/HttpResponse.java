package uk.clubreg.http;

import java.util.LinkedHashMap;
import java.util.Map;
import uk.clubreg.json.Json;

/** A response as the services produce it. */
public record HttpResponse(int status, Map<String, String> headers, String body) {

    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    public static HttpResponse json(int status, Object body) {
        return new HttpResponse(status, Map.of("Content-Type", "application/json"), Json.write(body));
    }

    public static HttpResponse xml(int status, String body) {
        return new HttpResponse(status, Map.of("Content-Type", "text/xml"), body);
    }

    public static HttpResponse html(int status, String body) {
        return new HttpResponse(status, Map.of("Content-Type", "text/html; charset=utf-8"), body);
    }

    /** {@code {"error": code, "message": ..., "request_id": ..., "fields": {...}}}; fields may be empty. */
    public static HttpResponse error(int status, String code, String message, String requestId,
                                     Map<String, String> fieldErrors) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        body.put("request_id", requestId);
        if (fieldErrors != null && !fieldErrors.isEmpty()) {
            body.put("fields", fieldErrors);
        }
        return json(status, body);
    }

    public HttpResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpResponse(status, copy, body);
    }
}
