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
import uk.clubreg.config.Config;
import uk.clubreg.json.Json;
import uk.clubreg.persistence.Database;
import uk.clubreg.testsupport.TestPostgres;
import uk.clubreg.testsupport.TestSystems;

/** GET /registrations through the Lambda handler. */
class RegistrationsApiIT {

    private Database database;
    private ApiHandler handler;

    @BeforeEach
    void start() {
        database = TestPostgres.freshDatabase();
        handler = new ApiHandler(TestSystems.withQueue(Config.fromEnvironment(Map.of("API_KEY", "local-dev-key")),
                database, job -> { }, Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void aManagerSeesTheirInvitedPlayersWithStatusAndMissingDetails() {
        handler.handleRequest(event("trigger-single.json"), null);

        APIGatewayProxyResponseEvent response = handler.handleRequest(event("registrations-team.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = Json.read(response.getBody());
        assertThat(body.path("summary").path("pending").asInt()).isEqualTo(1);
        JsonNode sam = body.path("players").get(0);
        assertThat(sam.path("first_name").asText()).isEqualTo("Sam");
        assertThat(sam.path("status").asText()).isEqualTo("pending");
        assertThat(sam.path("missing_details")).hasSize(6);
        assertThat(sam.path("parent").path("unreachable").asBoolean()).isFalse();
    }

    @Test
    void withoutATeamNameTheManagerIsToldWhichParameterIsMissing() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event("registrations-missing-team.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(400);
        assertThat(Json.read(response.getBody()).path("fields").path("team_name").asText()).isEqualTo("is required");
    }

    @Test
    void theRegistrationsViewNeedsTheApiKeyToo() {
        APIGatewayProxyRequestEvent event = event("registrations-team.json");
        event.getHeaders().remove("x-api-key");

        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(401);
    }
}
