package uk.clubreg.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
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
        long started = System.nanoTime();
        HttpRequest request = ApiGatewayEvents.toRequest(event, context == null ? null : context.getAwsRequestId());
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
