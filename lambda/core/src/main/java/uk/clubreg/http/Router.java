package uk.clubreg.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.persistence.DatabaseException;

/**
 * Maps method and path to an {@link Endpoint}. A route's segment written {@code {name}} matches any one segment,
 * which the endpoint reads as a path parameter. Unknown paths are 404 and wrong methods 405, as JSON. A failed
 * dependency is 503 so callers retry, except a value the database refuses (400); anything else unexpected is logged
 * and answered 500.
 */
public final class Router {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private record Match(String template, Map<String, String> parameters) {}

    private final Map<String, Map<String, Endpoint>> routes = new LinkedHashMap<>();

    public Router route(String method, String path, Endpoint endpoint) {
        routes.computeIfAbsent(normalise(path), p -> new LinkedHashMap<>()).put(method.toUpperCase(), endpoint);
        return this;
    }

    /** Every route served, as {@code METHOD /template} (e.g. {@code POST /trigger}), in the order added. */
    public List<String> routes() {
        return routes.entrySet().stream()
                .flatMap(route -> route.getValue().keySet().stream().map(method -> method + " " + route.getKey()))
                .toList();
    }

    /** The route's template for logs ({@code POST /trigger}), or {@code null} when nothing matches. */
    public String routeName(HttpRequest request) {
        return match(request.path()).map(match -> request.method() + " " + match.template()).orElse(null);
    }

    public HttpResponse dispatch(HttpRequest request) {
        Optional<Match> match = match(request.path());
        if (match.isEmpty()) {
            return HttpResponse.error(404, "not_found", "No such route", request.requestId(), null);
        }
        Map<String, Endpoint> byMethod = routes.get(match.get().template());
        Endpoint endpoint = byMethod.get(request.method());
        if (endpoint == null) {
            return HttpResponse.error(405, "method_not_allowed", "Allowed: " + String.join(", ", byMethod.keySet()),
                    request.requestId(), null).withHeader("Allow", String.join(", ", byMethod.keySet()));
        }
        try {
            return endpoint.handle(request.withPathParameters(match.get().parameters()));
        } catch (DatabaseException e) {
            if (e.refusedTheValue()) {
                // Input no check caught: a retry would fail the same way, and nothing was written.
                LOG.atWarn().addKeyValue("sql_state", e.sqlState()).log("The database refused a value of the request");
                return HttpResponse.error(400, "invalid_value", "A value in the request cannot be stored or looked up",
                        request.requestId(), null);
            }
            LOG.error("Database unavailable", e);
            return HttpResponse.error(503, "service_unavailable", "Please retry shortly", request.requestId(), null)
                    .withHeader("Retry-After", "5");
        } catch (RuntimeException e) {
            LOG.error("Unhandled error", e);
            return HttpResponse.error(500, "internal_error", "Unexpected error", request.requestId(), null);
        }
    }

    /** An exact route first, then the first template whose segments match. */
    private Optional<Match> match(String rawPath) {
        String path = normalise(rawPath);
        if (routes.containsKey(path)) {
            return Optional.of(new Match(path, Map.of()));
        }
        List<String> segments = List.of(path.split("/", -1));
        for (String template : routes.keySet()) {
            List<String> parts = List.of(template.split("/", -1));
            if (!template.contains("{") || parts.size() != segments.size()) {
                continue;
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            boolean matches = true;
            for (int i = 0; i < parts.size() && matches; i++) {
                String part = parts.get(i);
                if (part.startsWith("{") && part.endsWith("}") && !segments.get(i).isEmpty()) {
                    parameters.put(part.substring(1, part.length() - 1), segments.get(i));
                } else {
                    matches = part.equals(segments.get(i));
                }
            }
            if (matches) {
                return Optional.of(new Match(template, parameters));
            }
        }
        return Optional.empty();
    }

    /** API Gateway passes the stage-less resource path; a trailing slash is not a different route. */
    private static String normalise(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
