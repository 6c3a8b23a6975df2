package uk.clubreg.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;

/** Translates between API Gateway proxy events and the services' request and response. */
final class ApiGatewayEvents {

    private ApiGatewayEvents() {}

    static HttpRequest toRequest(APIGatewayProxyRequestEvent event, String fallbackRequestId) {
        String body = event.getBody();
        if (body != null && Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            body = new String(Base64.getMimeDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return new HttpRequest(event.getHttpMethod(), event.getPath(), event.getHeaders(),
                event.getQueryStringParameters(), body, requestId(event, fallbackRequestId), sourceIp(event));
    }

    private static String sourceIp(APIGatewayProxyRequestEvent event) {
        return event.getRequestContext() == null || event.getRequestContext().getIdentity() == null ? ""
                : event.getRequestContext().getIdentity().getSourceIp();
    }

    static APIGatewayProxyResponseEvent toEvent(HttpResponse response) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(response.status())
                .withHeaders(new HashMap<>(response.headers()))
                .withBody(response.body());
    }

    /** API Gateway's request id when there is one, then Lambda's, then a new one (local calls without either). */
    private static String requestId(APIGatewayProxyRequestEvent event, String fallback) {
        if (event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        return fallback != null ? fallback : UUID.randomUUID().toString();
    }

    static Map<String, String> headersOf(APIGatewayProxyRequestEvent event) {
        return event.getHeaders() == null ? Map.of() : event.getHeaders();
    }
}
