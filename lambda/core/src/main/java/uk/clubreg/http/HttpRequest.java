package uk.clubreg.http;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** A request as the services see it: no API Gateway or server types. Header names are case-insensitive. */
public record HttpRequest(
        String method,
        String path,
        Map<String, String> headers,
        Map<String, String> query,
        String body,
        String requestId) {

    public HttpRequest {
        TreeMap<String, String> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null) {
                    caseInsensitive.put(name, value);
                }
            });
        }
        headers = caseInsensitive;
        query = query == null ? Map.of() : Map.copyOf(query);
        body = body == null ? "" : body;
        method = method == null ? "" : method.toUpperCase(Locale.ROOT);
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name));
    }

    /** The media type without parameters, lower case: {@code application/json; charset=utf-8} gives {@code application/json}. */
    public String mediaType() {
        return header("content-type")
                .map(value -> value.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
                .orElse("");
    }
}
