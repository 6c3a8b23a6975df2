package uk.clubreg.local;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.clubreg.json.Json;

/**
 * The AI path end to end, with an OpenAI-compatible stub: a registration like the guided end-to-end test's, but
 * answered by the OpenAI engine (real openai-java client, Responses + Conversations APIs) against WireMock, whose
 * scripted model calls the tools. Everything else is real: HTTP, outbox, FIFO queue, worker, database, the
 * simulator's fake Twilio.
 */
class AiRegistrationEndToEndIT {

    private static final String PHONE = "+447700900565";
    private static final String MEDICAL = "Mild asthma, carries a blue inhaler";

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

    /**
     * In the default configuration (AI_SENSITIVE_DETAILS=guided) a parent registers two children: the AI asks what
     * it may, the guided steps ask each child's medical notes and emergency contact, and hand the parent back to the
     * AI for the second child and after the last. No request OpenAI receives holds the medical text, the emergency
     * number in any format, or a last name (docs/decisions/0094-sensitive-details-in-guided-steps.md).
     */
    @Test
    void aParentRegistersTwoChildrenWithTheAiAndNothingSensitiveReachesOpenAi() throws Exception {
        HttpResponse<String> invited = client.trigger("""
                [{"player_first_name": "Sam", "player_last_name": "Fairbrother", "parent_tel": "07700 900565",
                  "parent_first_name": "Alex", "parent_last_name": "Ashcombe", "team_name": "U11 Falcons",
                  "age_group": "U11", "team_manager_1_full_name": "Jo Manager", "current_registration_season": "2026-27"},
                 {"player_first_name": "Ria", "player_last_name": "Fairbrother", "parent_tel": "07700 900565",
                  "parent_first_name": "Alex", "parent_last_name": "Ashcombe", "team_name": "U9 Falcons",
                  "age_group": "U9", "team_manager_1_full_name": "Jo Manager", "current_registration_season": "2026-27"}]""");
        assertThat(invited.statusCode()).isEqualTo(200);
        client.awaitOutbound(PHONE, 2);
        String sam = String.valueOf(client.count("SELECT id FROM players WHERE first_name = 'Sam'"));
        String ria = String.valueOf(client.count("SELECT id FROM players WHERE first_name = 'Ria'"));
        script(
                call(820, 35, "update_registration_status", status(sam, "confirmed", "null"),
                        "update_registration_status", status(ria, "confirmed", "null")),
                text(870, 25, "Great! Did Sam and Ria play for the club last season?"),
                call(930, 40, "update_registration_status", status(sam, "confirmed", "false"),
                        "update_registration_status", status(ria, "confirmed", "false")),
                text(990, 45, "Thanks. What is Sam's date of birth?"),
                call(1060, 60, "record_player_details", details(sam, "\"date_of_birth\": \"2016-03-14\"")),
                text(1130, 35, "Got it. Do you consent to club photos of Sam, and what kit size does he need?"),
                call(1190, 55, "record_player_details", details(sam, "\"photo_consent\": true, \"kit_size\": \"M\"")),
                text(1260, 45, "Thanks, that's all I need about Sam."),
                text(1330, 50, "What is Ria's date of birth?"),
                call(1400, 30, "record_player_details", details(ria, "\"date_of_birth\": \"2018-05-02\"")),
                text(1450, 40, "Thanks. Photos of Ria, and her kit size?"),
                call(1500, 30, "record_player_details", details(ria, "\"photo_consent\": false, \"kit_size\": \"S\"")),
                text(1550, 20, "Thank you, that's all I need about Ria."),
                text(1600, 25, "Your team manager, Jo, will send the training times."));

        String[][] dialogue = {
                {"Yes, happy to register both", "last season"},
                {"No, they're both new", "Sam's date of birth"},
                {"14/03/2016", "kit size"},
                {"Yes to photos, size M please", "Does Sam have any medical conditions"},
                {MEDICAL, "Who should we contact in an emergency"},
                {"Jo Fairbrother", "phone number"},
                {"07700 900566", "Shall we carry on with Ria's registration?"},
                {"Yes", "Ria's date of birth"},
                {"02/05/2018", "kit size"},
                {"No photos please, size S", "Does Ria have any medical conditions"},
                {"none", "Who should we contact in an emergency"},
                {"Jo Fairbrother", "phone number"},
                {"+44 7700 900566", "that's everything for now"},
                {"Thanks! When is training?", "training times"},
        };
        client.converse(PHONE, dialogue);

        for (String team : new String[] {"U11 Falcons", "U9 Falcons"}) {
            JsonNode player = client.registrations(team, "2026-27").path("players").get(0);
            assertThat(player.path("status").asText()).isEqualTo("completed");
            assertThat(player.path("missing_details")).isEmpty();
        }
        assertThat(client.openedDetails("medical_notes IS NOT NULL")).containsOnlyOnce(Map.of(
                "medical_notes", MEDICAL, "emergency_contact_name", "Jo Fairbrother",
                "emergency_contact_tel", "+447700900566"));
        List<String> received = openAi.getAllServeEvents().stream()
                .map(event -> event.getRequest().getBodyAsString()).toList();
        assertThat(received).hasSize(15); // one conversation and 14 responses: the guided steps called no model
        for (String body : received) {
            assertThat(body).doesNotContain("asthma", "inhaler", "900566", "447700900566", "Fairbrother", "Ashcombe");
            assertThat(body.replaceAll("\\D", "")).doesNotContain("7700900566");
        }
        assertThat(received).anySatisfy(body -> assertThat(body)
                .contains("The club's last message to the parent: Shall we carry on with Ria's registration?"));
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

    private static String call(int in, int out, String... nameAndArguments) {
        ObjectNode response = response(in, out);
        ArrayNode output = response.putArray("output");
        for (int i = 0; i < nameAndArguments.length; i += 2) {
            output.addObject().put("type", "function_call").put("id", "fc_" + in + "_" + i)
                    .put("call_id", "call_" + in + "_" + i).put("name", nameAndArguments[i])
                    .put("arguments", nameAndArguments[i + 1]).put("status", "completed");
        }
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
