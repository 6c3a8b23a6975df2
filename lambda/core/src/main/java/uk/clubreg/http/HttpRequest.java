package uk.clubreg.http;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A request as the services see it: no API Gateway or server types. Header names are case-insensitive;
 * {@code pathParameters} are the {@code {name}} segments of the route that matched; {@code sourceIp} is the
 * caller's address as API Gateway saw it (empty when unknown).
 */
public record HttpRequest(
        String method,
        String path,
        Map<String, String> headers,
        Map<String, String> query,
        String body,
        String requestId,
        Map<String, String> pathParameters,
        String sourceIp) {

    public HttpRequest(String method, String path, Map<String, String> headers, Map<String, String> query, String body,
                       String requestId) {
        this(method, path, headers, query, body, requestId, Map.of(), "");
    }

    public HttpRequest(String method, String path, Map<String, String> headers, Map<String, String> query, String body,
                       String requestId, String sourceIp) {
        this(method, path, headers, query, body, requestId, Map.of(), sourceIp);
    }

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
        pathParameters = pathParameters == null ? Map.of() : Map.copyOf(pathParameters);
        sourceIp = sourceIp == null ? "" : sourceIp;
    }

    /** The same request, with the path parameters of the route that matched it. */
    public HttpRequest withPathParameters(Map<String, String> parameters) {
        return new HttpRequest(method, path, headers, query, body, requestId, parameters, sourceIp);
    }

    /** A path parameter that must be a positive whole number, e.g. an id; empty when it is not one. */
    public Optional<Long> idParameter(String name) {
        String value = pathParameters.getOrDefault(name, "");
        return value.matches("[1-9][0-9]{0,17}") ? Optional.of(Long.parseLong(value)) : Optional.empty();
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
