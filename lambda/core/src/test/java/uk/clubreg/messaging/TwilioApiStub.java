package uk.clubreg.messaging;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.util.List;
import java.util.Map;
import uk.clubreg.http.FormBody;
import uk.clubreg.json.Json;

/** Twilio's Messages API as a WireMock stub: the real twilio-java client talks to it over HTTP. */
public final class TwilioApiStub implements AutoCloseable {

    public static final String ACCOUNT_SID = "AC00000000000000000000000000000001";
    public static final String MESSAGES_PATH = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
    private static final String MESSAGES_DIR = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages";

    private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    public TwilioApiStub() {
        server.start();
        accepts();
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    /** Every send is accepted with a new SID, status queued (Twilio answers 201). */
    public void accepts() {
        server.resetMappings();
        server.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(accepted()));
    }

    /** Every send fails with this HTTP status and a Twilio error body. */
    public void failsWith(int httpStatus) {
        server.resetMappings();
        server.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(error(httpStatus, httpStatus * 40 + 500)));
    }

    /** Refuses every send for good (HTTP 400) with this Twilio error code. */
    public void rejectsWith(int twilioCode) {
        server.resetMappings();
        server.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).willReturn(error(400, twilioCode)));
    }

    /** The first send fails with {@code httpStatus}; the ones after it are accepted. */
    public void failsOnceWith(int httpStatus) {
        server.resetMappings();
        server.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED).willSetStateTo("recovered")
                .willReturn(error(httpStatus, 20500)));
        server.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).inScenario("flaky")
                .whenScenarioStateIs("recovered").willReturn(accepted()));
    }

    /**
     * Only sends authenticated with this auth token are accepted; others get Twilio's 401 (error 20003), as after
     * the token was rotated in the Twilio console.
     */
    public void acceptsOnlyAuthToken(String authToken) {
        server.resetMappings();
        server.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).atPriority(1).withBasicAuth(ACCOUNT_SID, authToken)
                .willReturn(accepted()));
        server.stubFor(post(urlPathEqualTo(MESSAGES_PATH)).atPriority(2)
                .willReturn(error(401, 20003)));
    }

    /** Message records are deleted (204), as by an erasure; a SID Twilio never had is 404 (error 20404). */
    public void deletesMessageRecords() {
        server.stubFor(delete(urlPathMatching(MESSAGES_DIR + "/[A-Za-z0-9]+\\.json")).willReturn(aResponse()
                .withStatus(204)));
    }

    /** The SIDs of every message record deleted, in order. */
    public List<String> deletedSids() {
        return server.findAll(deleteRequestedFor(urlPathMatching(MESSAGES_DIR + "/.*"))).stream()
                .map(request -> request.getUrl().replaceAll(".*/Messages/([^/.]+)\\.json.*", "$1")).toList();
    }

    /** What Twilio still holds of the messages sent through it: the form of each send whose SID was not deleted. */
    public List<Map<String, String>> heldSends() {
        List<String> deleted = deletedSids();
        return server.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getMethod().getName().equals("POST")
                        && event.getRequest().getUrl().startsWith(MESSAGES_PATH)
                        && event.getResponse().getStatus() == 201)
                .filter(event -> !deleted.contains(
                        Json.read(event.getResponse().getBodyAsString()).path("sid").asText()))
                .map(event -> FormBody.parse(event.getRequest().getBodyAsString())).toList();
    }

    /** Form fields of every request Twilio received, in order. */
    public List<Map<String, String>> sentForms() {
        return server.findAll(postRequestedFor(urlPathEqualTo(MESSAGES_PATH))).stream()
                .map(request -> FormBody.parse(request.getBodyAsString()))
                .toList();
    }

    public void stop() {
        server.stop();
    }

    @Override
    public void close() {
        server.stop();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder accepted() {
        return aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                .withTransformers("response-template")
                .withBody("""
                        {"sid": "SM{{randomValue length=32 type='HEXADECIMAL'}}", "status": "queued",
                         "account_sid": "%s", "direction": "outbound-api"}""".formatted(ACCOUNT_SID));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, int code) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("""
                        {"code": %d, "message": "Stubbed failure", "more_info": "https://www.twilio.com/docs/errors/%d",
                         "status": %d}""".formatted(code, code, status));
    }
}
