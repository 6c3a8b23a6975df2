package uk.clubreg.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.clubreg.config.Setting;
import uk.clubreg.encryption.FieldEncryption;
import uk.clubreg.json.Json;
import uk.clubreg.persistence.Database;
import uk.clubreg.players.PlayerRepository;

/** What the end-to-end tests do to a running local stack: a manager over HTTP, a parent on the simulator. */
final class StackClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final LocalStack stack;
    private final Database database;

    StackClient(LocalStack stack) {
        this.stack = stack;
        this.database = Database.connect(stack.config().require(Setting.DATABASE_URL), 1);
    }

    HttpResponse<String> trigger(String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/trigger"))
                .header("Content-Type", "application/json").header("x-api-key", stack.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** An admin route with the API key and no body. */
    HttpResponse<String> admin(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + path)).header("x-api-key", stack.apiKey())
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** A route with the API key and no body, by method: GET, DELETE. */
    HttpResponse<String> admin(String method, String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + path)).header("x-api-key", stack.apiKey())
                .method(method, HttpRequest.BodyPublishers.noBody()));
    }

    /** The worker runs asynchronously: wait (bounded) until {@code sql} counts {@code expected}. */
    void awaitCount(String sql, long expected) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (count(sql) != expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(count(sql)).as(sql).isEqualTo(expected);
    }

    /** The parent types (or taps a Yes/No button) on the simulator: a signed Twilio post to /webhook. */
    void parentSays(String phone, String text) throws Exception {
        HttpResponse<String> sent = send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/simulator/send"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("phone", phone, "body", text,
                        "button", text.equals("Yes") || text.equals("No"))))));
        assertThat(Json.read(sent.body()).path("webhook_status").asInt()).isEqualTo(200);
    }

    /** Every message the simulator's fake Twilio holds for this phone, both ways. */
    JsonNode messages(String phone) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(stack.baseUrl()
                + "/simulator/messages?phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8))).GET());
        return Json.read(response.body()).path("messages");
    }

    List<JsonNode> outbound(String phone) throws Exception {
        List<JsonNode> outbound = new ArrayList<>();
        messages(phone).forEach(message -> {
            if (message.path("direction").asText().startsWith("outbound")) {
                outbound.add(message);
            }
        });
        return outbound;
    }

    /** The worker runs asynchronously: wait (bounded) until the simulator has received {@code count} messages. */
    List<JsonNode> awaitOutbound(String phone, int count) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        List<JsonNode> outbound = outbound(phone);
        while (outbound.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            outbound = outbound(phone);
        }
        assertThat(outbound).as("WhatsApp messages to the parent").hasSizeGreaterThanOrEqualTo(count);
        return outbound;
    }

    /** The parent says each line and the reply must contain its expectation; returns the transcript. */
    List<String> converse(String phone, String[][] dialogue) throws Exception {
        List<String> transcript = new ArrayList<>();
        for (String[] step : dialogue) {
            int before = outbound(phone).size();
            parentSays(phone, step[0]);
            String reply = awaitOutbound(phone, before + 1).getLast().path("body").asText();
            transcript.add("Parent: " + step[0] + "\nClub:   " + reply);
            assertThat(reply).as(String.join("\n\n", transcript)).containsIgnoringCase(step[1]);
        }
        return transcript;
    }

    JsonNode registrations(String team, String season) throws Exception {
        return Json.read(send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/registrations?team_name="
                        + URLEncoder.encode(team, StandardCharsets.UTF_8).replace("+", "%20") + "&season=" + season))
                .header("x-api-key", stack.apiKey()).GET()).body());
    }

    Database database() {
        return database;
    }

    long count(String sql) {
        return database.withConnection(c -> {
            try (var rows = c.createStatement().executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    /**
     * The medical notes and emergency contact of the players matching {@code where}, opened with the stack's key;
     * each one held must be stored sealed (docs/decisions/0097-details-encrypted-in-the-application.md).
     */
    List<Map<String, String>> openedDetails(String where) {
        FieldEncryption keys = new FieldEncryption(() -> stack.config().get(Setting.DETAILS_ENCRYPTION_KEYS));
        return database.withConnection(c -> {
            List<Map<String, String>> players = new ArrayList<>();
            try (var rows = c.createStatement().executeQuery("SELECT " + String.join(", ", PlayerRepository.ENCRYPTED)
                    + " FROM players WHERE " + where + " ORDER BY id")) {
                while (rows.next()) {
                    Map<String, String> opened = new LinkedHashMap<>();
                    for (String column : PlayerRepository.ENCRYPTED) {
                        String stored = rows.getString(column);
                        if (stored != null) {
                            assertThat(stored).as(column + " at rest").startsWith("enc:v1:");
                        }
                        opened.put(column, keys.decrypt(column, stored));
                    }
                    players.add(opened);
                }
            }
            return players;
        });
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        database.close();
    }
}
