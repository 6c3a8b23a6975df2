package uk.clubreg.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;

/** API Gateway events from testing/payloads (on the tests' classpath as payloads/). */
final class ApiEvents {

    private ApiEvents() {}

    static APIGatewayProxyRequestEvent event(String payload) {
        return EventLoader.loadApiGatewayRestEvent("payloads/" + payload);
    }
}
