package uk.clubreg.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.clubreg.config.Setting;
import uk.clubreg.json.Json;
import uk.clubreg.persistence.Database;

/** The local stack as a manager uses it: real HTTP to a real port, real PostgreSQL and ElasticMQ behind it. */
class LocalStackIT {

    private static LocalStack stack;
    private static Database database;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Path dataDirectory = Files.createTempDirectory("local-stack-test");
        stack = LocalStack.start(Map.of("PORT", "0", "DAILY_RUN_AT", "none", "LOCAL_DATA_DIR", dataDirectory.toString()));
        database = Database.connect(stack.config().require(Setting.DATABASE_URL), 1);
    }

    @AfterAll
    static void stop() {
        database.close();
        stack.close();
    }

    @Test
    void anInvitationPostedOverHttpIsCreatedAndItsJobPublished() throws Exception {
        HttpResponse<String> response = post("""
                {"player_first_name": "Sam", "player_last_name": "Taylor", "parent_tel": "07700 900123",
                 "team_name": "U11 Panthers"}""", "application/json");

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode body = Json.read(response.body());
        assertThat(response.headers().firstValue("X-Request-Id")).contains(body.path("request_id").asText());
        assertThat(body.path("parent").path("tel").asText()).isEqualTo("+447700900123");
        assertThat(count("SELECT count(*) FROM outbox WHERE published_at IS NOT NULL AND payload->>'invitation_id' = '"
                + body.path("invitation_id").asLong() + "'")).isEqualTo(1);
    }

    @Test
    void theRegistrationsViewListsAPlayerInvitedOverHttp() throws Exception {
        post("""
                {"player_first_name": "Ria", "player_last_name": "Shah", "parent_tel": "07700 900201",
                 "team_name": "U9 Tigers"}""", "application/json");

        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create(stack.baseUrl() + "/registrations?team_name=U9%20Tigers"))
                .header("x-api-key", stack.apiKey()).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode players = Json.read(response.body()).path("players");
        assertThat(players).hasSize(1);
        assertThat(players.get(0).path("first_name").asText()).isEqualTo("Ria");
    }

    @Test
    void twentyFiveConcurrentHttpInvitationsAreEachStoredOnce() {
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            responses.add(HTTP.sendAsync(request("""
                    {"player_first_name": "Player%d", "player_last_name": "Concurrent", "parent_tel": "07700 9003%02d",
                     "team_name": "U10 Concurrent"}""".formatted(i, i), "application/json"),
                    HttpResponse.BodyHandlers.ofString()));
        }

        assertThat(responses).allSatisfy(response -> assertThat(response.join().statusCode()).isEqualTo(201));
        assertThat(count("SELECT count(*) FROM players WHERE team_name = 'U10 Concurrent'")).isEqualTo(25);
        assertThat(count("SELECT count(*) FROM invitations i JOIN players p ON p.id = i.player_id "
                + "WHERE p.team_name = 'U10 Concurrent'")).isEqualTo(25);
    }

    @Test
    void aBinaryBodyReachesTheHandlerAndIsRefusedAsTheWrongContentType() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/trigger"))
                .header("x-api-key", stack.apiKey()).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xff, (byte) 0xfe, 0})).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(Json.read(response.body()).path("error").asText()).isEqualTo("unsupported_media_type");
    }

    @Test
    void theDemoClubAdminSignsInToTheConsoleWithTheCodeFromTheSimulator() throws Exception {
        HttpResponse<String> signInPage = get("/console", "");
        String cookie = signInPage.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        assertThat(signInPage.body()).contains("Mobile number", "Send code");

        HttpResponse<String> codePage = postForm("/console/sign-in/code", cookie,
                "phone=07700+900990&csrf=" + csrf(signInPage.body()));
        assertThat(codePage.statusCode()).isEqualTo(200);
        String code = awaitCode(LocalStack.DEMO_CLUB_ADMIN);
        HttpResponse<String> signedIn = postForm("/console/sign-in", cookie, "phone=%2B447700900990&code=" + code
                + "&csrf=" + csrf(codePage.body()));

        assertThat(signedIn.statusCode()).isEqualTo(303);
        String session = signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> teams = get("/console/teams", session);
        assertThat(teams.statusCode()).isEqualTo(200);
        assertThat(teams.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("frame-ancestors 'none'"));
        assertThat(count("SELECT count(*) FROM console_sign_in_events WHERE source_ip = '127.0.0.1'")).isEqualTo(1);
    }

    private static String awaitCode(String phone) throws Exception {
        for (int i = 0; i < 100; i++) {
            JsonNode messages = Json.read(get("/simulator/messages?phone=" + phone.replace("+", "%2B"), "").body())
                    .path("messages");
            for (JsonNode message : messages) {
                Matcher code = Pattern.compile("\\b([0-9]{6})\\b")
                        .matcher(message.path("body").asText());
                if (code.find()) {
                    return code.group(1);
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No sign-in code reached the simulator");
    }

    private static String csrf(String page) {
        Matcher token = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"")
                .matcher(page);
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    private static HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.baseUrl() + path)).GET();
        if (!cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postForm(String path, String cookie, String form) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", cookie)
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String json, String contentType) throws Exception {
        return HTTP.send(request(json, contentType), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String json, String contentType) {
        return HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/trigger"))
                .header("Content-Type", contentType)
                .header("x-api-key", stack.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    private static long count(String sql) {
        return database.withConnection(connection -> {
            try (var statement = connection.createStatement(); var row = statement.executeQuery(sql)) {
                row.next();
                return row.getLong(1);
            }
        });
    }
}
