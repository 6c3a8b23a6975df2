package uk.clubreg.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import uk.clubreg.api.ApiHandler;

/**
 * Does locally what API Gateway's proxy integration does in AWS: turns each HTTP request into an
 * {@link APIGatewayProxyRequestEvent} with a fresh request id, passes it to the same {@link ApiHandler} that runs
 * in Lambda, and writes the handler's response back.
 */
final class ApiGatewayBridge implements HttpHandler {

    /** API Gateway refuses larger payloads before the function sees them; so does this bridge. */
    static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

    private final ApiHandler handler;

    ApiGatewayBridge(ApiHandler handler) {
        this.handler = handler;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = readAtMost(exchange.getRequestBody(), MAX_PAYLOAD_BYTES);
            if (body == null) {
                send(exchange, 413, Map.of("Content-Type", "application/json"),
                        "{\"message\":\"Request Too Long\"}".getBytes(StandardCharsets.UTF_8));
                return;
            }
            APIGatewayProxyResponseEvent response = handler.handleRequest(toEvent(exchange, body), null);
            byte[] responseBody = response.getBody() == null ? new byte[0]
                    : Boolean.TRUE.equals(response.getIsBase64Encoded())
                            ? Base64.getDecoder().decode(response.getBody())
                            : response.getBody().getBytes(StandardCharsets.UTF_8);
            send(exchange, response.getStatusCode(),
                    response.getHeaders() == null ? Map.of() : response.getHeaders(), responseBody);
        }
    }

    static APIGatewayProxyRequestEvent toEvent(HttpExchange exchange, byte[] body) {
        String path = exchange.getRequestURI().getPath();
        Map<String, String> headers = new HashMap<>();
        Map<String, List<String>> multiValueHeaders = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            headers.put(name, values.getLast());
            multiValueHeaders.put(name, List.copyOf(values));
        });
        Map<String, List<String>> multiValueQuery = query(exchange.getRequestURI().getRawQuery());
        Map<String, String> query = new HashMap<>();
        multiValueQuery.forEach((name, values) -> query.put(name, values.getLast()));

        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withRequestId(UUID.randomUUID().toString())
                .withStage("local")
                .withHttpMethod(exchange.getRequestMethod())
                .withPath(path)
                .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity()
                        .withSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress()));
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withHttpMethod(exchange.getRequestMethod())
                .withPath(path)
                .withResource(path)
                .withHeaders(headers)
                .withMultiValueHeaders(multiValueHeaders)
                .withQueryStringParameters(query.isEmpty() ? null : query)
                .withMultiValueQueryStringParameters(multiValueQuery.isEmpty() ? null : multiValueQuery)
                .withRequestContext(context);
        if (body.length > 0) {
            String text = utf8(body);
            event.withBody(text != null ? text : Base64.getEncoder().encodeToString(body))
                    .withIsBase64Encoded(text == null);
        } else {
            event.withIsBase64Encoded(false);
        }
        return event;
    }

    private static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            query.computeIfAbsent(decode(parts[0]), k -> new ArrayList<>()).add(parts.length > 1 ? decode(parts[1]) : "");
        }
        return query;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value; // a malformed %-escape reaches the function as typed, as with API Gateway
        }
    }

    /** The body as text when it is valid UTF-8; null when it is binary (then it is passed base64-encoded). */
    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The whole body, or null when it is longer than {@code limit}. */
    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        byte[] body = in.readNBytes(limit + 1);
        return body.length > limit ? null : body;
    }

    private static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body)
            throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
