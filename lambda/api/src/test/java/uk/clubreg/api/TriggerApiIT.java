package uk.clubreg.api;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.clubreg.api.ApiEvents.event;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import uk.clubreg.config.Config;
import uk.clubreg.json.Json;
import uk.clubreg.persistence.Database;
import uk.clubreg.testsupport.LogCapture;
import uk.clubreg.testsupport.RowCounts;
import uk.clubreg.testsupport.TestPostgres;
import uk.clubreg.testsupport.TestQueue;
import uk.clubreg.testsupport.TestSystems;

/** POST /trigger through the Lambda handler, fed with API Gateway events from testing/payloads/. */
class TriggerApiIT {

    private static final Map<String, Long> NOTHING_WRITTEN =
            Map.of("parents", 0L, "conversations", 0L, "players", 0L, "invitations", 0L, "outbox", 0L);

    private Database database;
    private TestQueue queue;
    private ApiHandler handler;

    @BeforeEach
    void start() {
        database = TestPostgres.freshDatabase();
        queue = TestQueue.start();
        handler = new ApiHandler(TestSystems.withQueue(Config.fromEnvironment(Map.of("API_KEY", "local-dev-key")),
                database, queue.jobQueue(), Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        database.close();
        queue.close();
    }

    @Test
    void aNewInvitationIsCreatedAndItsSendJobQueued() {
        APIGatewayProxyResponseEvent response = handle("trigger-single.json");

        assertThat(response.getStatusCode()).isEqualTo(201);
        JsonNode body = Json.read(response.getBody());
        assertThat(body.path("status").asText()).isEqualTo("pending");
        assertThat(body.path("invitation_id").asLong()).isPositive();
        assertThat(body.path("player_id").asLong()).isPositive();
        assertThat(body.path("parent").path("tel").asText()).isEqualTo("+447700900123");
        assertThat(body.path("player").path("first_name").asText()).isEqualTo("Sam");
        assertThat(body.path("team").path("name").asText()).isEqualTo("U11 Panthers");
        assertThat(queue.drain()).hasSize(1);
    }

    @Test
    void everyResponseCarriesApiGatewaysRequestId() {
        APIGatewayProxyRequestEvent event = event("trigger-single.json");

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        String requestId = event.getRequestContext().getRequestId();
        assertThat(response.getHeaders()).containsEntry("X-Request-Id", requestId);
        assertThat(Json.read(response.getBody()).path("request_id").asText()).isEqualTo(requestId);
    }

    @Test
    void postingTheSameInvitationAgainAnswers200WithTheSameIdsAndQueuesNothingNew() {
        JsonNode first = Json.read(handle("trigger-single.json").getBody());
        queue.drain();

        APIGatewayProxyResponseEvent again = handle("trigger-single.json");

        assertThat(again.getStatusCode()).isEqualTo(200);
        JsonNode body = Json.read(again.getBody());
        assertThat(body.path("invitation_id").asLong()).isEqualTo(first.path("invitation_id").asLong());
        assertThat(body.path("player_id").asLong()).isEqualTo(first.path("player_id").asLong());
        assertThat(RowCounts.of(database)).containsEntry("invitations", 1L).containsEntry("outbox", 1L);
        assertThat(queue.drain()).isEmpty();
    }

    @Test
    void aBulkRequestAnswersPerItemAndAnInvalidItemDoesNotBlockTheOthers() {
        APIGatewayProxyResponseEvent response = handle("trigger-bulk.json");

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = Json.read(response.getBody());
        assertThat(body.path("results").findValuesAsText("http_status")).containsExactly("201", "201", "201", "400");
        assertThat(body.path("results").get(3).path("fields").has("player_last_name")).isTrue();
        assertThat(body.path("results").get(3).path("fields").has("parent_tel")).isTrue();
        assertThat(body.path("results").get(1).path("kind").asText()).isEqualTo("new");
        assertThat(RowCounts.of(database)).containsEntry("players", 3L).containsEntry("parents", 2L)
                .containsEntry("outbox", 3L);
    }

    @ParameterizedTest(name = "{0} is answered {1} and writes nothing")
    @CsvSource({
            "trigger-missing-key.json,        401, unauthorized,           ''",
            "trigger-wrong-key.json,          401, unauthorized,           ''",
            "trigger-wrong-content-type.json, 415, unsupported_media_type, ''",
            "trigger-malformed-json.json,     400, malformed_json,         ''",
            "trigger-missing-field.json,      400, invalid_invitation,     player_last_name",
            "trigger-unknown-field.json,      400, invalid_invitation,     player_shoe_size",
            "trigger-long-name.json,          400, invalid_invitation,     player_first_name",
            "trigger-invalid-phone.json,      400, invalid_invitation,     parent_tel"})
    void aRefusedRequestGetsAJsonErrorAndWritesNothing(String payload, int status, String error, String field) {
        APIGatewayProxyRequestEvent event = event(payload);

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        assertRefused(response, status, error, event.getRequestContext().getRequestId());
        if (!field.isEmpty()) {
            assertThat(Json.read(response.getBody()).path("fields").has(field)).isTrue();
        }
    }

    @ParameterizedTest(name = "a fee of {0} is a 400 naming the field and writes nothing")
    @ValueSource(strings = {"1e400", "-1e400", "1e-400", "123456789012345678901234567890", "1e30", "-1", "-0.01",
            "0.001", "1e999999999", "1e-999999999",
            "true", "false", "[]", "{}", "\"1e400\"", "\"NaN\"", "\"Infinity\"", "\"-1\""})
    void everyNumberEdgeIsA400NamingTheField(String fee) {
        APIGatewayProxyRequestEvent event = event("trigger-single.json");
        event.setBody(invitation(0, fee));

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        assertRefused(response, 400, "invalid_invitation", event.getRequestContext().getRequestId());
        assertThat(Json.read(response.getBody()).path("fields").path("membership_fee_amount").asText())
                .startsWith("must be an amount");
    }

    @ParameterizedTest(name = "in a bulk request, a fee of {0} is the item's 400 naming the field")
    @ValueSource(strings = {"1e400", "-1e400", "1e-400", "123456789012345678901234567890", "true"})
    void aNumberEdgeInABulkRequestIsThatItemsErrorAndTheOthersAreWritten(String fee) {
        APIGatewayProxyRequestEvent event = event("trigger-single.json");
        event.setBody("[" + invitation(1, "40") + "," + invitation(2, fee) + "]");

        APIGatewayProxyResponseEvent response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode results = Json.read(response.getBody()).path("results");
        assertThat(results.findValuesAsText("http_status")).containsExactly("201", "400");
        assertThat(results.get(1).path("fields").has("membership_fee_amount")).isTrue();
        assertThat(RowCounts.of(database)).containsEntry("players", 1L).containsEntry("outbox", 1L);
    }

    private static String invitation(int child, String fee) {
        return """
                {"player_first_name":"Child%d","player_last_name":"Taylor","parent_tel":"07700 900123",\
                "membership_fee_amount":%s}""".formatted(child, fee);
    }

    @Test
    void aBodyOver64KbIsAnswered413AndWritesNothing() {
        APIGatewayProxyRequestEvent event = event("trigger-single.json");
        event.setBody("{\"player_first_name\": \"" + "x".repeat(65 * 1024) + "\"}");

        assertRefused(handler.handleRequest(event, null), 413, "payload_too_large",
                event.getRequestContext().getRequestId());
    }

    @Test
    void moreThanAHundredInvitationsAtOnceAreRefusedAndNothingIsWritten() {
        APIGatewayProxyRequestEvent event = event("trigger-single.json");
        StringBuilder items = new StringBuilder("[");
        for (int i = 0; i < 101; i++) {
            items.append(i == 0 ? "" : ",").append("""
                    {"player_first_name":"P%d","player_last_name":"T","parent_tel":"07700 900%03d"}""".formatted(i, i));
        }
        event.setBody(items.append("]").toString());

        assertRefused(handler.handleRequest(event, null), 400, "invalid_bulk_size",
                event.getRequestContext().getRequestId());
    }

    @Test
    void aRequestsLogLinesCarryItsIdButNeitherThePhoneNumberNorTheChildsName() {
        APIGatewayProxyRequestEvent event = event("trigger-single.json");
        String requestId = event.getRequestContext().getRequestId();

        try (LogCapture logs = LogCapture.capture()) {
            handler.handleRequest(event, null);

            assertThat(logs.lines()).filteredOn(line -> line.contains("\"request_id\":\"" + requestId + "\""))
                    .hasSizeGreaterThanOrEqualTo(2)
                    .anySatisfy(line -> assertThat(line).contains("\"latency_ms\"").contains("\"route\":\"POST /trigger\""))
                    .anySatisfy(line -> assertThat(line).contains("+44*******123"));
            assertThat(logs.lines()).noneMatch(line -> line.contains("7700900123") || line.contains("900123\""))
                    .noneMatch(line -> line.contains("Sam") || line.contains("Taylor"));
        }
    }

    private void assertRefused(APIGatewayProxyResponseEvent response, int status, String error, String requestId) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("Content-Type", "application/json")
                .containsEntry("X-Request-Id", requestId);
        JsonNode body = Json.read(response.getBody());
        assertThat(body.path("error").asText()).isEqualTo(error);
        assertThat(body.path("request_id").asText()).isEqualTo(requestId);
        assertThat(RowCounts.of(database)).isEqualTo(NOTHING_WRITTEN);
        assertThat(queue.drain()).isEmpty();
    }

    private APIGatewayProxyResponseEvent handle(String payload) {
        return handler.handleRequest(event(payload), null);
    }

}
