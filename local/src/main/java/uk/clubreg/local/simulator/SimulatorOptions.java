package uk.clubreg.local.simulator;

import java.util.Map;

/**
 * What the simulator needs from the local stack's configuration.
 *
 * @param publicBaseUrl  PUBLIC_BASE_URL: the webhook signature is computed over {@code publicBaseUrl + "/webhook"}
 * @param localBaseUrl   where this process's own HTTP server answers, e.g. http://localhost:8080
 * @param authToken      the local Twilio auth token the webhook checks signatures with
 * @param accountSid     the local Twilio account SID
 * @param clubNumber     the club's WhatsApp number (E.164), the "To" of simulated parent messages
 * @param templates      Content template SIDs the local stack is configured with, and how to show them
 */
public record SimulatorOptions(String publicBaseUrl, String localBaseUrl, String authToken, String accountSid,
                               String clubNumber, Map<String, SimulatedTemplate> templates) {

    public SimulatorOptions {
        templates = Map.copyOf(templates);
    }
}
