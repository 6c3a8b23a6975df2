package uk.clubreg.local.chaos;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import uk.clubreg.http.FormBody;
import uk.clubreg.json.Json;
import uk.clubreg.local.simulator.WhatsAppSimulator;
import uk.clubreg.messaging.twilio.TwilioSignatures;

/**
 * Twilio's Messages API with faults on demand: bursts of 5xx, 429 or 401 answers, then accepted sends whose status
 * callbacks are posted out of order (delivered before sent, or sent before the send has even been answered, so
 * before its SID is saved). It keeps what it accepted, which the chaos run holds against the database.
 */
final class FaultyTwilio implements AutoCloseable {

    /** A send Twilio took: its SID, the recipient, and when. */
    record Accepted(String sid, String to, Instant at) {}

    /** How the status callbacks of one accepted send are ordered. */
    enum CallbackOrder { SENT_THEN_DELIVERED, DELIVERED_THEN_SENT, SENT_BEFORE_THE_ANSWER }

    private final HttpServer server;
    private final String authToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Deque<Integer> faults = new ArrayDeque<>();
    private final Queue<Accepted> accepted = new ConcurrentLinkedQueue<>();
    private final Map<Integer, AtomicInteger> refused = new ConcurrentHashMap<>();
    private final Queue<String> callbacksRefused = new ConcurrentLinkedQueue<>();
    private final AtomicInteger callbacksPosted = new AtomicInteger();
    private final Map<CallbackOrder, AtomicInteger> orders = new ConcurrentHashMap<>();

    private FaultyTwilio(HttpServer server, String authToken) {
        this.server = server;
        this.authToken = authToken;
    }

    static FaultyTwilio start(String authToken) throws IOException {
        HttpServer server = FakeHttp.server();
        FaultyTwilio twilio = new FaultyTwilio(server, authToken);
        server.createContext("/2010-04-01/Accounts/", twilio::handle);
        server.start();
        return twilio;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code count} sends are answered {@code status} (500, 429 or 401) and not sent. */
    synchronized void failNext(int count, int status) {
        for (int i = 0; i < count; i++) {
            faults.add(status);
        }
    }

    private synchronized Integer nextFault() {
        return faults.poll();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = FormBody.parse(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            if (!exchange.getRequestMethod().equals("POST") || !exchange.getRequestURI().getPath().endsWith("/Messages.json")) {
                respond(exchange, 404, error(20404, 404, "The requested resource was not found"));
                return;
            }
            Integer fault = nextFault();
            if (fault != null) {
                refused.computeIfAbsent(fault, k -> new AtomicInteger()).incrementAndGet();
                respond(exchange, fault, switch (fault) {
                    case 401 -> error(20003, 401, "Authenticate");
                    case 429 -> error(20429, 429, "Too Many Requests");
                    default -> error(20500, fault, "Internal Server Error");
                });
                return;
            }
            String accountSid = exchange.getRequestURI().getPath().split("/")[3];
            String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
            accepted.add(new Accepted(sid, form.get("To"), Instant.now()));
            CallbackOrder order = CallbackOrder.values()[ThreadLocalRandom.current().nextInt(CallbackOrder.values().length)];
            orders.computeIfAbsent(order, k -> new AtomicInteger()).incrementAndGet();
            String callback = form.get("StatusCallback");
            if (order == CallbackOrder.SENT_BEFORE_THE_ANSWER) {
                postStatus(callback, sid, "sent");
            }
            respond(exchange, 201, WhatsAppSimulator.messageResource(accountSid, sid, form, form.get("Body"), Instant.now()));
            Thread.startVirtualThread(() -> {
                pause(ThreadLocalRandom.current().nextInt(20, 300));
                List<String> statuses = order == CallbackOrder.DELIVERED_THEN_SENT ? List.of("delivered", "sent")
                        : order == CallbackOrder.SENT_THEN_DELIVERED ? List.of("sent", "delivered") : List.of("delivered");
                statuses.forEach(status -> postStatus(callback, sid, status));
            });
        }
    }

    /** Posts a signed status callback as Twilio does; a refused one is not retried (Twilio's default). */
    private void postStatus(String url, String sid, String status) {
        if (url == null) {
            return;
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", sid);
        form.put("SmsSid", sid);
        form.put("MessageStatus", status);
        form.put("SmsStatus", status);
        form.put("ApiVersion", "2010-04-01");
        callbacksPosted.incrementAndGet();
        try {
            int answer = http.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-Twilio-Signature", TwilioSignatures.sign(authToken, url, form))
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(encode(form))).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
            if (answer / 100 != 2) {
                callbacksRefused.add(sid);
            }
        } catch (IOException e) {
            callbacksRefused.add(sid);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            callbacksRefused.add(sid);
        }
    }

    static String encode(Map<String, String> form) {
        return form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    List<Accepted> accepted() {
        return List.copyOf(accepted);
    }

    Map<Integer, Integer> refused() {
        return refused.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    }

    /** SIDs with at least one status callback that was not answered 2xx. */
    Set<String> callbacksRefused() {
        return Set.copyOf(callbacksRefused);
    }

    int callbacksPosted() {
        return callbacksPosted.get();
    }

    Map<CallbackOrder, Integer> orders() {
        return orders.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    }

    private static ObjectNode error(int code, int status, String message) {
        return Json.MAPPER.createObjectNode().put("code", code).put("message", message)
                .put("more_info", "https://www.twilio.com/docs/errors/" + code).put("status", status);
    }

    private static void respond(HttpExchange exchange, int status, ObjectNode json) throws IOException {
        FakeHttp.json(exchange, status, Json.write(json));
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
