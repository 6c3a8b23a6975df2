package uk.clubreg.api;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.clubreg.api.ApiEvents.event;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.config.Config;
import uk.clubreg.persistence.Database;
import uk.clubreg.testsupport.TestSystems;

/**
 * The schedule's daily warm-up of the API alias (testing/payloads/warm-up-api.json, the schedule's input) is answered
 * without opening a database connection: against a database nobody listens on, it still succeeds.
 */
class WarmUpTest {

    private final Database nowhere = Database.connect("jdbc:postgresql://127.0.0.1:1/nowhere", 1);
    private final ApiHandler handler = new ApiHandler(TestSystems.withQueue(
            Config.fromEnvironment(Map.of("API_KEY", "k")), nowhere, job -> { }, Clock.systemUTC()));

    @AfterEach
    void stop() {
        nowhere.close();
    }

    @Test
    void theWarmUpAnswersWithoutTouchingTheDatabase() {
        APIGatewayProxyResponseEvent response = handler.handleRequest(event("warm-up-api.json"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getBody()).contains("\"warm_up\":true");
        assertThat(((HikariDataSource) nowhere.dataSource()).getHikariPoolMXBean().getTotalConnections()).isZero();
    }

    @Test
    void theSamePathThroughApiGatewayIsNotAWarmUp() {
        APIGatewayProxyRequestEvent viaApiGateway = event("warm-up-api.json");
        viaApiGateway.setRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext());

        assertThat(handler.handleRequest(viaApiGateway, null).getStatusCode()).isEqualTo(404);
    }
}
