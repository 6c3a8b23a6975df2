package uk.clubreg.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.clubreg.config.Setting;
import uk.clubreg.json.Json;
import uk.clubreg.persistence.Database;

/**
 * The whole product with no keys at all, as a club would first try it: a manager invites over HTTP, the invitation
 * template goes out through the real twilio-java client to the simulator's fake Twilio API, the parent answers on
 * the simulator (signed Twilio posts to /webhook), and every answer travels through the outbox, the FIFO queue,
 * the worker and the guided conversation, until the registration is complete.
 */
class GuidedRegistrationEndToEndTest {

    private static final String PHONE = "+447700900555";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static LocalStack stack;
    private static Database database;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(Map.of("PORT", "0",
                "LOCAL_DATA_DIR", Files.createTempDirectory("e2e").toString(),
                "CONVERSATION_SETTLE_MS", "50"));
        database = Database.connect(stack.config().require(Setting.DATABASE_URL), 1);
    }

    @AfterAll
    static void stop() {
        database.close();
        stack.close();
    }

    @Test
    void aParentCompletesARegistrationOnWhatsAppWithNoAiAtAll() throws Exception {
        HttpResponse<String> invited = send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/trigger"))
                .header("Content-Type", "application/json").header("x-api-key", stack.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"player_first_name": "Sam", "player_last_name": "Taylor", "parent_tel": "07700 900555",
                         "parent_first_name": "Alex", "team_name": "U11 Panthers", "age_group": "U11",
                         "team_manager_1_full_name": "Jo Manager", "current_registration_season": "2026-27"}""")));
        assertThat(invited.statusCode()).isEqualTo(201);

        JsonNode invitation = awaitOutbound(1).getLast();
        assertThat(invitation.path("content_sid").asText()).isEqualTo(SimulatedTwilio.INVITE_CONTENT_SID);
        assertThat(invitation.path("body").asText()).contains("Alex", "Sam", "U11 Panthers", "2026-27", "Jo Manager");

        List<String> transcript = new ArrayList<>();
        String[][] dialogue = {
                {"Yes", "play for"},                 // register Sam? -> returning player?
                {"No", "date of birth"},             // not returning -> details
                {"14/03/2016", "medical"},
                {"none", "emergency"},
                {"Jo Taylor", "phone number"},
                {"07700 900556", "photos"},
                {"Yes", "kit size"},
                {"3", "complete"},
        };
        for (String[] step : dialogue) {
            int before = outbound().size();
            parentSays(step[0]);
            String reply = awaitOutbound(before + 1).getLast().path("body").asText();
            transcript.add("Parent: " + step[0] + "\nClub:   " + reply);
            assertThat(reply).as(String.join("\n\n", transcript)).containsIgnoringCase(step[1]);
        }

        JsonNode player = registrations().path("players").get(0);
        assertThat(player.path("status").asText()).isEqualTo("completed");
        assertThat(player.path("stage").asText()).isEqualTo("completed");
        assertThat(player.path("is_returning_player").asBoolean(true)).isFalse();
        assertThat(player.path("missing_details")).isEmpty();
        assertThat(count("SELECT count(*) FROM messages WHERE direction = 'inbound' AND status = 'answered'"))
                .isEqualTo(dialogue.length);
        assertThat(count("SELECT count(*) FROM players WHERE date_of_birth = DATE '2016-03-14'"
                + " AND emergency_contact_tel = '+447700900556' AND photo_consent"))
                .isEqualTo(1);
    }

    private static void parentSays(String text) throws Exception {
        HttpResponse<String> sent = send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/simulator/send"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("phone", PHONE, "body", text,
                        "button", text.equals("Yes") || text.equals("No"))))));
        assertThat(Json.read(sent.body()).path("webhook_status").asInt()).isEqualTo(200);
    }

    private static List<JsonNode> outbound() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(stack.baseUrl()
                + "/simulator/messages?phone=" + URLEncoder.encode(PHONE, StandardCharsets.UTF_8))).GET());
        List<JsonNode> outbound = new ArrayList<>();
        Json.read(response.body()).path("messages").forEach(message -> {
            if (message.path("direction").asText().startsWith("outbound")) {
                outbound.add(message);
            }
        });
        return outbound;
    }

    /** The worker runs asynchronously: wait (bounded) until the simulator has received {@code count} messages. */
    private static List<JsonNode> awaitOutbound(int count) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        List<JsonNode> outbound = outbound();
        while (outbound.size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            outbound = outbound();
        }
        assertThat(outbound).as("WhatsApp messages to the parent").hasSizeGreaterThanOrEqualTo(count);
        return outbound;
    }

    private static JsonNode registrations() throws Exception {
        return Json.read(send(HttpRequest.newBuilder(URI.create(stack.baseUrl()
                        + "/registrations?team_name=U11%20Panthers&season=2026-27"))
                .header("x-api-key", stack.apiKey()).GET()).body());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long count(String sql) {
        return database.withConnection(c -> {
            try (var rows = c.createStatement().executeQuery(sql)) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
