package uk.clubreg.http;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.persistence.DatabaseException;

/**
 * Maps method and path to an {@link Endpoint}. Unknown paths are 404 and wrong methods 405, as JSON.
 * A failed dependency is 503 so callers retry; anything else unexpected is logged and answered 500.
 */
public final class Router {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    private final Map<String, Map<String, Endpoint>> routes = new LinkedHashMap<>();

    public Router route(String method, String path, Endpoint endpoint) {
        routes.computeIfAbsent(normalise(path), p -> new LinkedHashMap<>()).put(method.toUpperCase(), endpoint);
        return this;
    }

    /** The route's template for logs ({@code POST /trigger}), or {@code null} when nothing matches. */
    public String routeName(HttpRequest request) {
        String path = normalise(request.path());
        return routes.containsKey(path) ? request.method() + " " + path : null;
    }

    public HttpResponse dispatch(HttpRequest request) {
        Map<String, Endpoint> byMethod = routes.get(normalise(request.path()));
        if (byMethod == null) {
            return HttpResponse.error(404, "not_found", "No such route", request.requestId(), null);
        }
        Endpoint endpoint = byMethod.get(request.method());
        if (endpoint == null) {
            return HttpResponse.error(405, "method_not_allowed", "Allowed: " + String.join(", ", byMethod.keySet()),
                    request.requestId(), null).withHeader("Allow", String.join(", ", byMethod.keySet()));
        }
        try {
            return endpoint.handle(request);
        } catch (DatabaseException e) {
            LOG.error("Database unavailable", e);
            return HttpResponse.error(503, "service_unavailable", "Please retry shortly", request.requestId(), null)
                    .withHeader("Retry-After", "5");
        } catch (RuntimeException e) {
            LOG.error("Unhandled error", e);
            return HttpResponse.error(500, "internal_error", "Unexpected error", request.requestId(), null);
        }
    }

    /** API Gateway passes the stage-less resource path; a trailing slash is not a different route. */
    private static String normalise(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
