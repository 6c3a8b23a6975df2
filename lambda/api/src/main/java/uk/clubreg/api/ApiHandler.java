package uk.clubreg.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.http.Router;
import uk.clubreg.logging.RequestContext;

/**
 * The API function: translates the API Gateway event, lets the router call the service, and translates back.
 * The local stack turns real HTTP requests into the same events and calls this same handler.
 */
public final class ApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    /**
     * The path of the daily warm-up invocation, sent by a schedule straight to the alias (never through API
     * Gateway, which routes only the API's own paths): it keeps the SnapStart version from going inactive and
     * touches no database (docs/decisions/0056-snapstart-warm-up.md).
     */
    static final String WARM_UP_PATH = "/warm-up";

    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    private final Router router;

    /** Lambda's constructor: the system is built once per instance (and captured by SnapStart). */
    public ApiHandler() {
        this(ApiFunction.shared());
    }

    public ApiHandler(RegistrationSystem system) {
        this.router = system.router();
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent event, Context context) {
        if (event.getRequestContext() == null && WARM_UP_PATH.equals(event.getPath())) {
            LOG.info("Warm-up: the SnapStart version stays active");
            return ApiGatewayEvents.toEvent(HttpResponse.json(200, Map.of("warm_up", true)));
        }
        long started = System.nanoTime();
        String lambdaRequestId = context == null ? null : context.getAwsRequestId();
        HttpRequest request;
        try {
            request = ApiGatewayEvents.toRequest(event, lambdaRequestId);
        } catch (ApiGatewayEvents.MalformedBody e) {
            String requestId = ApiGatewayEvents.requestId(event, lambdaRequestId);
            try (RequestContext ignored = RequestContext.open(requestId, null)) {
                LOG.atInfo().addKeyValue("method", event.getHttpMethod()).addKeyValue("status", 400)
                        .log("Request refused: the body is not base64");
            }
            return ApiGatewayEvents.toEvent(HttpResponse.error(400, "malformed_body", "The body is not base64",
                    requestId, null).withHeader("X-Request-Id", requestId));
        }
        try (RequestContext ignored = RequestContext.open(request.requestId(), router.routeName(request))) {
            HttpResponse response = router.dispatch(request)
                    .withHeader("X-Request-Id", request.requestId());
            LOG.atInfo()
                    .addKeyValue("method", request.method())
                    .addKeyValue("status", response.status())
                    .addKeyValue("latency_ms", (System.nanoTime() - started) / 1_000_000.0)
                    .log("Request handled");
            return ApiGatewayEvents.toEvent(response);
        }
    }
}
