package uk.clubreg.local;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.clubreg.json.Json;

/**
 * The AI path end to end, with an OpenAI-compatible stub: the same registration as the guided end-to-end test, but
 * answered by the OpenAI engine (real openai-java client, Responses + Conversations APIs) against WireMock, whose
 * scripted model calls the tools. Everything else is real: HTTP, outbox, FIFO queue, worker, database, the
 * simulator's fake Twilio.
 */
class AiRegistrationEndToEndIT {

    private static final String PHONE = "+447700900565";

    private static WireMockServer openAi;
    private static LocalStack stack;
    private static StackClient client;

    @BeforeAll
    static void start() throws Exception {
        openAi = new WireMockServer(options().dynamicPort());
        openAi.start();
        openAi.stubFor(post(urlEqualTo("/v1/conversations")).willReturn(okJson(
                "{\"id\": \"conv_e2e\", \"object\": \"conversation\", \"created_at\": 1795000000, \"metadata\": {}}")));
        stack = LocalStack.start(Map.of("PORT", "0", "DAILY_RUN_AT", "none",
                "LOCAL_DATA_DIR", Files.createTempDirectory("e2e-ai").toString(),
                "OPENAI_API_KEY", "test-key",
                "OPENAI_BASE_URL", openAi.baseUrl() + "/v1",
                "OPENAI_MAX_RETRIES", "0"));
        client = new StackClient(stack);
    }

    @AfterAll
    static void stop() {
        client.close();
        stack.close();
        openAi.stop();
    }

    @Test
    void aParentCompletesARegistrationWithTheAiOnAnOpenAiCompatibleStub() throws Exception {
        HttpResponse<String> invited = client.trigger("""
                {"player_first_name": "Sam", "player_last_name": "Taylor", "parent_tel": "07700 900565",
                 "parent_first_name": "Alex", "team_name": "U11 Falcons", "age_group": "U11",
                 "team_manager_1_full_name": "Jo Manager", "current_registration_season": "2026-27"}""");
        assertThat(invited.statusCode()).isEqualTo(201);
        client.awaitOutbound(PHONE, 1);
        String sam = String.valueOf(client.count("SELECT id FROM players WHERE first_name = 'Sam' AND team_name = 'U11 Falcons'"));
        script(
                call(820, 35, "update_registration_status", status(sam, "confirmed", "null")),
                text(870, 25, "Great! Was Sam registered with the club last season?"),
                call(930, 40, "update_registration_status", status(sam, "confirmed", "false")),
                text(990, 45, "Thanks. What is Sam's date of birth, and any medical conditions or allergies?"),
                call(1060, 60, "record_player_details", details(sam,
                        "\"date_of_birth\": \"2016-03-14\", \"medical_notes\": \"None\"")),
                text(1130, 35, "Got it. Who should we contact in an emergency, and on what number?"),
                call(1190, 55, "record_player_details", details(sam,
                        "\"emergency_contact_name\": \"Jo Taylor\", \"emergency_contact_tel\": \"07700 900566\"")),
                text(1260, 45, "Thanks. Do you consent to club photos of Sam, and what kit size does he need?"),
                call(1330, 50, "record_player_details", details(sam, "\"photo_consent\": true, \"kit_size\": \"M\"")),
                call(1400, 30, "update_registration_status", status(sam, "completed", "null")),
                text(1450, 40, "All done! Sam is registered with U11 Falcons for 2026-27."));

        String[][] dialogue = {
                {"Yes, happy to register Sam", "last season"},
                {"No, he's new", "date of birth"},
                {"14/03/2016, no medical issues", "emergency"},
                {"Jo Taylor 07700 900566", "kit size"},
                {"Yes to photos, size M please", "All done"},
        };
        client.converse(PHONE, dialogue);

        JsonNode player = client.registrations("U11 Falcons", "2026-27").path("players").get(0);
        assertThat(player.path("status").asText()).isEqualTo("completed");
        assertThat(player.path("missing_details")).isEmpty();
        assertThat(player.path("ai_tokens").path("input").asLong())
                .isEqualTo(820 + 870 + 930 + 990 + 1060 + 1130 + 1190 + 1260 + 1330 + 1400 + 1450);
        assertThat(player.path("ai_tokens").path("output").asLong())
                .isEqualTo(35 + 25 + 40 + 45 + 60 + 35 + 55 + 45 + 50 + 30 + 40);
    }

    private static void script(String... bodies) {
        String state = Scenario.STARTED;
        for (int i = 0; i < bodies.length; i++) {
            String next = "step " + (i + 1);
            openAi.stubFor(post(urlEqualTo("/v1/responses")).inScenario("model").whenScenarioStateIs(state)
                    .willReturn(okJson(bodies[i])).willSetStateTo(next));
            state = next;
        }
    }

    private static String call(int in, int out, String name, String arguments) {
        ObjectNode response = response(in, out);
        response.putArray("output").addObject().put("type", "function_call").put("id", "fc_" + in)
                .put("call_id", "call_" + in).put("name", name).put("arguments", arguments).put("status", "completed");
        return Json.write(response);
    }

    private static String text(int in, int out, String text) {
        ObjectNode response = response(in, out);
        ObjectNode message = response.putArray("output").addObject().put("type", "message").put("id", "msg_" + in)
                .put("role", "assistant").put("status", "completed");
        message.putArray("content").addObject().put("type", "output_text").put("text", text).putArray("annotations");
        return Json.write(response);
    }

    private static ObjectNode response(int in, int out) {
        ObjectNode response = Json.MAPPER.createObjectNode().put("id", "resp_" + in).put("object", "response")
                .put("created_at", 1795000000).put("status", "completed").put("model", "gpt-5-mini")
                .put("parallel_tool_calls", true).put("tool_choice", "auto");
        response.putArray("tools");
        response.putObject("usage").put("input_tokens", in).put("output_tokens", out).put("total_tokens", in + out);
        return response;
    }

    private static String status(String playerId, String status, String returning) {
        return "{\"player_id\": \"" + playerId + "\", \"status\": \"" + status + "\", \"is_returning_player\": "
                + returning + "}";
    }

    private static String details(String playerId, String fields) {
        return "{\"player_id\": \"" + playerId + "\", " + fields + "}";
    }
}
