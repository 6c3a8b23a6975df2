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

    /** A body API Gateway marked base64 that is not base64: the caller's mistake (400). */
    static final class MalformedBody extends IllegalArgumentException {
        MalformedBody(Exception cause) {
            super("The body is not base64", cause);
        }
    }

    static HttpRequest toRequest(APIGatewayProxyRequestEvent event, String fallbackRequestId) {
        String body = event.getBody();
        if (body != null && Boolean.TRUE.equals(event.getIsBase64Encoded())) {
            body = utf8(body);
        }
        return new HttpRequest(event.getHttpMethod(), event.getPath(), event.getHeaders(),
                event.getQueryStringParameters(), body, requestId(event, fallbackRequestId), sourceIp(event));
    }

    /**
     * Bytes that are not UTF-8 become U+FFFD: the route still answers first what it answers for any body (401, 415);
     * text fields refuse the replacement character (InvitationParser).
     */
    private static String utf8(String base64) {
        try {
            return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new MalformedBody(e);
        }
    }

    private static String sourceIp(APIGatewayProxyRequestEvent event) {
        return event.getRequestContext() == null || event.getRequestContext().getIdentity() == null ? ""
                : event.getRequestContext().getIdentity().getSourceIp();
    }

    static APIGatewayProxyResponseEvent toEvent(HttpResponse response) {
        return new APIGatewayProxyResponseEvent()
                .withStatusCode(response.status())
                .withHeaders(new HashMap<>(response.headers()))
                .withBody(response.body())
                .withIsBase64Encoded(response.base64Encoded());
    }

    /** API Gateway's request id when there is one, then Lambda's, then a new one (local calls without either). */
    static String requestId(APIGatewayProxyRequestEvent event, String fallback) {
        if (event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        return fallback != null ? fallback : UUID.randomUUID().toString();
    }

    static Map<String, String> headersOf(APIGatewayProxyRequestEvent event) {
        return event.getHeaders() == null ? Map.of() : event.getHeaders();
    }
}
