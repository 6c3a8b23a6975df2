package uk.clubreg.local.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import com.twilio.security.RequestValidator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.json.Json;
import uk.clubreg.persistence.Database;
import uk.clubreg.testsupport.Repositories;
import uk.clubreg.testsupport.TestPostgres;

class WhatsAppSimulatorIT {

    private static final String AUTH_TOKEN = "local-auth-token";
    private static final String PUBLIC_BASE_URL = "https://clubreg.example.test";

    private record WebhookPost(Map<String, String> form, String signature) {}

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<WebhookPost> webhookPosts = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private Database database;
    private String base;

    @BeforeEach
    void start() throws IOException {
        database = TestPostgres.freshDatabase();
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/webhook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            webhookPosts.add(new WebhookPost(decode(body), exchange.getRequestHeaders().getFirst("X-Twilio-Signature")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        base = "http://localhost:" + server.getAddress().getPort();
        WhatsAppSimulator.mount(server, new SimulatorOptions(PUBLIC_BASE_URL, base, AUTH_TOKEN, "AClocal",
                "+447700900000", Map.of("HXinvite", SimulatedTemplate.invitation(), "HXquick",
                SimulatedTemplate.quickReply())), Repositories.of(database).parents());
    }

    @AfterEach
    void stop() {
        server.stop(0);
        database.close();
    }

    @Test
    void aTextSentThroughTheFakeTwilioApiIsAnsweredLikeTwilioAndListedForThatPhone() throws Exception {
        HttpResponse<String> response = twilioSend(Map.of("To", "whatsapp:+447700900601",
                "From", "whatsapp:+447700900000", "Body", "Hello from the club"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(Json.read(response.body()).path("sid").asText()).startsWith("SM");
        JsonNode messages = messagesOf("+447700900601");
        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.path("direction").asText()).isEqualTo("outbound");
            assertThat(m.path("body").asText()).isEqualTo("Hello from the club");
        });
    }

    @Test
    void aQuickReplyTemplateIsShownWithItsTextAndButtons() throws Exception {
        twilioSend(Map.of("To", "whatsapp:+447700900602", "From", "whatsapp:+447700900000",
                "ContentSid", "HXquick", "ContentVariables",
                "{\"1\": \"Did Seb play for us last season?\", \"2\": \"Yes\", \"3\": \"No\"}"));

        JsonNode message = messagesOf("+447700900602").get(0);
        assertThat(message.path("body").asText()).isEqualTo("Did Seb play for us last season?");
        assertThat(message.path("buttons").toString()).isEqualTo("[\"Yes\",\"No\"]");
    }

    @Test
    void anInvitationTemplateIsRenderedWithItsVariables() throws Exception {
        twilioSend(Map.of("To", "whatsapp:+447700900603", "From", "whatsapp:+447700900000", "ContentSid", "HXinvite",
                "ContentVariables", "{\"1\": \"Lee\", \"2\": \"Seb\", \"3\": \"Panthers\", \"4\": \"U11\", "
                        + "\"5\": \"2026-27\", \"8\": \"Sam Manager\"}"));

        assertThat(messagesOf("+447700900603").get(0).path("body").asText())
                .startsWith("Hello Lee, the manager Sam Manager of Panthers U11 has invited you to register Seb "
                        + "for the 2026-27 season.");
    }

    @Test
    void aSendWithoutBodyOrTemplateIsRefusedLikeTwilio() throws Exception {
        HttpResponse<String> response = twilioSend(Map.of("To", "whatsapp:+447700900604"));

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void whatTheParentTypesReachesTheWebhookSignedWithTheLocalAuthTokenOverThePublicUrl() throws Exception {
        HttpResponse<String> response = post("/simulator/send",
                "{\"phone\": \"+447700900605\", \"body\": \"Yes\", \"button\": true}", "application/json");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(webhookPosts).singleElement().satisfies(post -> {
            assertThat(post.form()).containsEntry("From", "whatsapp:+447700900605")
                    .containsEntry("To", "whatsapp:+447700900000").containsEntry("Body", "Yes")
                    .containsEntry("ButtonPayload", "Yes");
            assertThat(new RequestValidator(AUTH_TOKEN).validate(PUBLIC_BASE_URL + "/webhook", post.form(),
                    post.signature())).isTrue();
        });
        assertThat(messagesOf("+447700900605").get(0).path("direction").asText()).isEqualTo("inbound");
    }

    @Test
    void theInvitedParentsAreOfferedToChatAs() throws Exception {
        database.withConnection(c -> c.createStatement().executeUpdate(
                "INSERT INTO parents (phone_e164, first_name, last_name) VALUES ('+447700900606', 'Lee', 'Parent')"));

        JsonNode parents = Json.read(get("/simulator/parents").body()).path("parents");

        assertThat(parents).singleElement().satisfies(p -> {
            assertThat(p.path("phone").asText()).isEqualTo("+447700900606");
            assertThat(p.path("name").asText()).isEqualTo("Lee Parent");
        });
    }

    @Test
    void theChatPageIsServed() throws Exception {
        HttpResponse<String> page = get("/simulator");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("/simulator/send", "/simulator/messages");
    }

    private HttpResponse<String> twilioSend(Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return post("/simulator/twilio/2010-04-01/Accounts/AClocal/Messages.json", body,
                "application/x-www-form-urlencoded");
    }

    private JsonNode messagesOf(String phone) throws Exception {
        return Json.read(get("/simulator/messages?phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8)).body())
                .path("messages");
    }

    private HttpResponse<String> post(String path, String body, String contentType) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> decode(String form) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            String[] parts = pair.split("=", 2);
            values.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                    URLDecoder.decode(parts.length > 1 ? parts[1] : "", StandardCharsets.UTF_8));
        }
        return values;
    }
}
