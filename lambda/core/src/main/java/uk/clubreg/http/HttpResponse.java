package uk.clubreg.http;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import uk.clubreg.json.Json;

/** A response as the services produce it; {@code base64Encoded}: the body is binary, base64-encoded. */
public record HttpResponse(int status, Map<String, String> headers, String body, boolean base64Encoded) {

    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    public HttpResponse(int status, Map<String, String> headers, String body) {
        this(status, headers, body, false);
    }

    /** A file (a player's photo served locally), carried base64-encoded as API Gateway carries binary bodies. */
    public static HttpResponse binary(int status, String contentType, byte[] body) {
        return new HttpResponse(status, Map.of("Content-Type", contentType),
                Base64.getEncoder().encodeToString(body), true);
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
        return new HttpResponse(status, copy, body, base64Encoded);
    }
}
