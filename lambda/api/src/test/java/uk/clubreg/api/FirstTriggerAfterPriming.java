package uk.clubreg.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.time.Clock;
import java.util.Map;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.config.Config;
import uk.clubreg.persistence.Database;
import uk.clubreg.testsupport.TestSystems;

/**
 * Run by {@link SnapStartPrimingCoverageIT} in a JVM of its own, with class loading logged: builds the API's system,
 * primes it as before a SnapStart snapshot, prints {@link #PRIMED}, then answers one new invitation as the first
 * request after a restore would. Jobs go to a queue that drops them: the SQS client is not primed (decision 0121).
 */
final class FirstTriggerAfterPriming {

    static final String PRIMED = "=== primed ===";
    static final String API_KEY = "priming-coverage-key";

    private FirstTriggerAfterPriming() {}

    public static void main(String[] args) throws InterruptedException {
        try (Database database = Database.connect(args[0], 2)) {
            RegistrationSystem system = TestSystems.withQueue(Config.fromEnvironment(Map.of("API_KEY", API_KEY)),
                    database, job -> { }, Clock.systemUTC());
            ApiFunction.prime(system);
            database.evictConnections();
            // A snapshot is taken some time after the priming: the pool's housekeeping has run by then.
            Thread.sleep(1_000);
            System.out.println(PRIMED);
            APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                    .withHttpMethod("POST").withPath("/trigger")
                    .withHeaders(Map.of("Content-Type", "application/json", "x-api-key", API_KEY))
                    .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext().withRequestId("first"))
                    .withBody("""
                            {"player_first_name": "Ava", "player_last_name": "Jones", "parent_tel": "07700 900202",
                             "team_name": "U11 Panthers", "membership_fee_amount": 40}""");
            System.out.println("status " + new ApiHandler(system).handleRequest(event, null).getStatusCode());
        }
    }
}
