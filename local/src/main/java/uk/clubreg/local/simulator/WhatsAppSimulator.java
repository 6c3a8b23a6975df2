package uk.clubreg.local.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.http.FormBody;
import uk.clubreg.json.Json;
import uk.clubreg.logging.Mask;
import uk.clubreg.messaging.twilio.TwilioSignatures;
import uk.clubreg.parents.Parent;
import uk.clubreg.parents.ParentRepository;

/**
 * The local WhatsApp simulator, used when no Twilio account is configured:
 * <ul>
 *   <li>{@code POST /simulator/twilio/2010-04-01/Accounts/{sid}/Messages.json}: a fake of Twilio's Messages API
 *       that the real twilio-java client reaches through TWILIO_API_BASE_URL; Content template sends are shown
 *       with their text and buttons;</li>
 *   <li>{@code GET /simulator}: a chat page where you are any invited parent;</li>
 *   <li>{@code POST /simulator/send}: what the page posts; it becomes a Twilio-style form post to {@code /webhook},
 *       signed with the local auth token, so the real path runs end to end;</li>
 *   <li>{@code GET /simulator/messages?phone=+44...}: the messages of one phone as JSON, for scripts;</li>
 *   <li>{@code GET /simulator/parents}: the invited parents (and any phone messaged) to chat as.</li>
 * </ul>
 */
public final class WhatsAppSimulator {

    private static final Logger LOG = LoggerFactory.getLogger(WhatsAppSimulator.class);
    private static final Pattern MESSAGES_PATH =
            Pattern.compile("^/simulator/twilio/2010-04-01/Accounts/([^/]+)/Messages\\.json$");
    private static final Pattern MESSAGE_PATH =
            Pattern.compile("^/simulator/twilio/2010-04-01/Accounts/([^/]+)/Messages/([^/]+)\\.json$");
    private static final Pattern MEDIA_PATH =
            Pattern.compile("^/simulator/twilio/2010-04-01/Accounts/([^/]+)/Messages/([^/]+)/Media/([^/]+)$");
    private static final DateTimeFormatter TWILIO_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private final SimulatorOptions options;
    private final ParentRepository parents;
    private final Clock clock;
    private final SimulatedMessages messages = new SimulatedMessages();
    /** The files parents sent, by media SID, as Twilio keeps them for the assistant to fetch. */
    private final Map<String, SimulatedMedia> media = new ConcurrentHashMap<>();

    private record SimulatedMedia(byte[] bytes, String contentType) {}
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private WhatsAppSimulator(SimulatorOptions options, ParentRepository parents, Clock clock) {
        this.options = options;
        this.parents = parents;
        this.clock = clock;
    }

    /**
     * Mounts the simulator under {@code /simulator} on the local stack's server. The server needs an executor with
     * several threads: the simulator posts the parent's messages to {@code /webhook} on the same server.
     */
    public static WhatsAppSimulator mount(HttpServer server, SimulatorOptions options, ParentRepository parents) {
        WhatsAppSimulator simulator = new WhatsAppSimulator(options, parents, Clock.systemUTC());
        server.createContext("/simulator", simulator::handle);
        return simulator;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Matcher twilio = MESSAGES_PATH.matcher(path);
            Matcher oneMessage = MESSAGE_PATH.matcher(path);
            Matcher file = MEDIA_PATH.matcher(path);
            if (twilio.matches() && method.equals("POST")) {
                twilioSend(exchange, twilio.group(1));
            } else if (file.matches() && method.equals("GET")) {
                twilioMedia(exchange, file.group(1), file.group(3));
            } else if (oneMessage.matches() && method.equals("DELETE")) {
                twilioDelete(exchange, oneMessage.group(2));
            } else if ((path.equals("/simulator") || path.equals("/simulator/")) && method.equals("GET")) {
                page(exchange);
            } else if (path.equals("/simulator/messages") && method.equals("GET")) {
                respondJson(exchange, 200, messagesJson(query(exchange).getOrDefault("phone", "")));
            } else if (path.equals("/simulator/parents") && method.equals("GET")) {
                respondJson(exchange, 200, parentsJson());
            } else if (path.equals("/simulator/send") && method.equals("POST")) {
                parentSends(exchange);
            } else {
                respondJson(exchange, 404, error("Not found"));
            }
        } catch (RuntimeException e) {
            LOG.atWarn().setCause(e).log("Simulator request failed");
            respondJson(exchange, 500, error("Simulator error: " + e.getClass().getSimpleName()));
        } finally {
            exchange.close();
        }
    }

    /** Twilio's "delete message" (an erasure): 204, or 404 with Twilio's error 20404 when there is no such message. */
    private void twilioDelete(HttpExchange exchange, String sid) throws IOException {
        if (messages.delete(sid)) {
            exchange.sendResponseHeaders(204, -1);
            return;
        }
        respondJson(exchange, 404, Json.MAPPER.createObjectNode().put("code", 20404).put("status", 404)
                .put("message", "The requested resource was not found"));
    }

    /**
     * Twilio's Media resource: the file a parent sent, only with the account's credentials (HTTP basic auth), as
     * Twilio answers; 401 without them, 404 for no such file.
     */
    private void twilioMedia(HttpExchange exchange, String accountSid, String mediaSid) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString((options.accountSid() + ":"
                + options.authToken()).getBytes(StandardCharsets.UTF_8));
        if (!accountSid.equals(options.accountSid())
                || !expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            respondJson(exchange, 401, Json.MAPPER.createObjectNode().put("code", 20003).put("status", 401)
                    .put("message", "Authenticate"));
            return;
        }
        SimulatedMedia file = media.get(mediaSid);
        if (file == null) {
            respondJson(exchange, 404, Json.MAPPER.createObjectNode().put("code", 20404).put("status", 404)
                    .put("message", "The requested resource was not found"));
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", file.contentType());
        exchange.sendResponseHeaders(200, file.bytes().length);
        exchange.getResponseBody().write(file.bytes());
    }

    /** Twilio's "create message": recorded, rendered, answered like Twilio (201 with a SID). */
    private void twilioSend(HttpExchange exchange, String accountSid) throws IOException {
        Map<String, String> form = FormBody.parse(readBody(exchange));
        String to = form.getOrDefault("To", "");
        if (to.isBlank() || (form.get("Body") == null && form.get("ContentSid") == null)) {
            ObjectNode error = Json.MAPPER.createObjectNode().put("code", 21602).put("status", 400)
                    .put("message", "Message body is required.");
            respondJson(exchange, 400, error);
            return;
        }
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        String body = form.get("Body");
        List<String> buttons = List.of();
        if (form.get("ContentSid") != null) {
            JsonNode variables = form.get("ContentVariables") == null ? Json.MAPPER.createObjectNode()
                    : Json.read(form.get("ContentVariables"));
            SimulatedTemplate template = options.templates().get(form.get("ContentSid"));
            if (template != null) {
                body = template.render(variables);
                buttons = template.renderButtons(variables);
            } else {
                body = "[template " + form.get("ContentSid") + "] " + variables;
            }
        }
        messages.add(new SimulatedMessages.Message(sid, phone(to), "outbound", body, buttons, form.get("ContentSid"),
                clock.instant()));
        LOG.atInfo().addKeyValue("to", Mask.phone(phone(to))).addKeyValue("sid", sid).log("Simulated WhatsApp send");
        respondJson(exchange, 201, messageResource(accountSid, sid, form, body, clock.instant()));
    }

    /** Twilio's answer to "create message" (201): the message resource, status queued. */
    public static ObjectNode messageResource(String accountSid, String sid, Map<String, String> form, String body,
                                             Instant created) {
        String now = TWILIO_DATE.format(created);
        ObjectNode response = Json.MAPPER.createObjectNode();
        response.put("sid", sid).put("account_sid", accountSid).put("to", form.get("To")).put("from", form.get("From"))
                .put("messaging_service_sid", form.get("MessagingServiceSid")).put("body", body)
                .put("status", "queued").put("num_segments", "1").put("num_media", "0")
                .put("direction", "outbound-api").put("api_version", "2010-04-01").put("date_created", now)
                .put("date_updated", now).putNull("date_sent").putNull("error_code").putNull("error_message")
                .putNull("price").put("price_unit", "GBP")
                .put("uri", "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid + ".json");
        response.putObject("subresource_uris")
                .put("media", "/2010-04-01/Accounts/" + accountSid + "/Messages/" + sid + "/Media.json");
        return response;
    }

    /**
     * The parent types (or taps a button, or sends a photo: {@code media_base64} and {@code media_type}): a signed
     * Twilio webhook post to this stack's /webhook, a photo as a media item whose URL is this simulator's.
     */
    private void parentSends(HttpExchange exchange) throws IOException {
        JsonNode request = Json.read(readBody(exchange));
        String phone = request.path("phone").asText("");
        String body = request.path("body").asText("");
        byte[] file;
        try {
            file = Base64.getDecoder().decode(request.path("media_base64").asText(""));
        } catch (IllegalArgumentException e) {
            respondJson(exchange, 400, error("media_base64 is not base64"));
            return;
        }
        if (!phone.matches("^\\+[1-9][0-9]{6,14}$") || (body.isBlank() && file.length == 0)) {
            respondJson(exchange, 400, error("phone (E.164) and a body or a file are required"));
            return;
        }
        String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", sid);
        form.put("SmsMessageSid", sid);
        form.put("SmsSid", sid);
        form.put("AccountSid", options.accountSid());
        form.put("From", "whatsapp:" + phone);
        form.put("To", "whatsapp:" + options.clubNumber());
        form.put("Body", body);
        form.put("NumMedia", file.length == 0 ? "0" : "1");
        if (file.length > 0) {
            String mediaSid = "ME" + UUID.randomUUID().toString().replace("-", "");
            String type = request.path("media_type").asText("application/octet-stream");
            media.put(mediaSid, new SimulatedMedia(file, type));
            form.put("MediaUrl0", options.localBaseUrl() + "/simulator/twilio/2010-04-01/Accounts/"
                    + options.accountSid() + "/Messages/" + sid + "/Media/" + mediaSid);
            form.put("MediaContentType0", type);
        }
        form.put("NumSegments", "1");
        form.put("SmsStatus", "received");
        form.put("ApiVersion", "2010-04-01");
        form.put("WaId", phone.substring(1));
        form.put("ProfileName", "Simulated parent");
        if (request.path("button").asBoolean(false)) {
            form.put("MessageType", "button");
            form.put("ButtonText", body);
            form.put("ButtonPayload", body);
        } else {
            form.put("MessageType", file.length == 0 ? "text" : "image");
        }
        // Shown in the chat before it is posted, as WhatsApp shows a sent message: the reply, which the worker may
        // send before the post returns, comes after it.
        messages.add(new SimulatedMessages.Message(sid, phone, "inbound",
                file.length == 0 ? body : (body.isBlank() ? "" : body + "\n") + "[photo sent]", List.of(), null,
                clock.instant()));
        String signature = TwilioSignatures.sign(options.authToken(), options.publicBaseUrl() + "/webhook", form);
        int status;
        try {
            status = http.send(HttpRequest.newBuilder(URI.create(options.localBaseUrl() + "/webhook"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .header("X-Twilio-Signature", signature)
                            .timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.ofString(encodeForm(form))).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted posting to /webhook", e);
        }
        respondJson(exchange, 200, Json.MAPPER.createObjectNode().put("sid", sid).put("webhook_status", status));
    }

    private ObjectNode messagesJson(String phone) {
        ObjectNode result = Json.MAPPER.createObjectNode().put("phone", phone);
        ArrayNode list = result.putArray("messages");
        for (SimulatedMessages.Message message : messages.of(phone)) {
            ObjectNode node = list.addObject();
            node.put("sid", message.sid()).put("direction", message.direction()).put("body", message.body())
                    .put("content_sid", message.contentSid()).put("at", message.at().toString());
            message.buttons().forEach(node.putArray("buttons")::add);
        }
        return result;
    }

    private ObjectNode parentsJson() {
        Map<String, String> names = new LinkedHashMap<>();
        for (Parent parent : parents.all()) {
            names.put(parent.phone(), parent.fullName());
        }
        Set<String> phones = new LinkedHashSet<>(names.keySet());
        phones.addAll(messages.phones());
        ObjectNode result = Json.MAPPER.createObjectNode();
        ArrayNode list = result.putArray("parents");
        phones.forEach(phone -> list.addObject().put("phone", phone).put("name", names.getOrDefault(phone, "")));
        return result;
    }

    private static void page(HttpExchange exchange) throws IOException {
        try (InputStream html = WhatsAppSimulator.class.getResourceAsStream("/simulator/index.html")) {
            byte[] bytes = html.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static String phone(String address) {
        return address.startsWith("whatsapp:") ? address.substring("whatsapp:".length()) : address;
    }

    private static Map<String, String> query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getRawQuery();
        return raw == null ? Map.of() : FormBody.parse(raw);
    }

    private static String encodeForm(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String readBody(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    private static ObjectNode error(String message) {
        return Json.MAPPER.createObjectNode().put("error", message);
    }

    private static void respondJson(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
