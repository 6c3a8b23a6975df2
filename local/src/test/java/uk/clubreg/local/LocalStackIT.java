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
