package uk.clubreg.assistant.openai;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import uk.clubreg.config.Config;
import uk.clubreg.config.Rotating;
import uk.clubreg.json.Json;

/** WireMock playing OpenAI's Responses and Conversations APIs, reached by the real openai-java client. */
public final class OpenAiStub implements AutoCloseable {

    private static final AtomicInteger IDS = new AtomicInteger();
    private final WireMockServer server = new WireMockServer(options().dynamicPort());

    public OpenAiStub() {
        server.start();
        server.stubFor(delete(urlPathMatching("/v1/conversations/[^/]+")).willReturn(okJson(
                "{\"id\": \"{{request.path.[2]}}\", \"object\": \"conversation.deleted\", \"deleted\": true}")
                .withTransformers("response-template")));
    }

    /** A real openai-java client talking to this stub, never rebuilt (tests of rotation build their own). */
    Rotating<OpenAIClient> client(int maxRetries, Duration timeout) {
        OpenAIClient client = OpenAIOkHttpClient.builder().apiKey("test-key").baseUrl(baseUrl())
                .maxRetries(maxRetries).timeout(timeout).build();
        return Rotating.of(Config.fromEnvironment(Map.of()), () -> client, OpenAIClient::close);
    }

    public String baseUrl() {
        return server.baseUrl() + "/v1";
    }

    public void conversationCreated(String id) {
        server.stubFor(post(urlEqualTo("/v1/conversations")).willReturn(okJson(
                "{\"id\": \"" + id + "\", \"object\": \"conversation\", \"created_at\": 1795000000, \"metadata\": {}}")));
    }

    /** The responses, in order, to POST /v1/responses; the last one repeats. */
    public void responses(ResponseDefinitionBuilder... responses) {
        String state = Scenario.STARTED;
        for (int i = 0; i < responses.length; i++) {
            String next = i == responses.length - 1 ? state : "step " + (i + 1);
            server.stubFor(post(urlEqualTo("/v1/responses")).inScenario("turns").whenScenarioStateIs(state)
                    .willReturn(responses[i]).willSetStateTo(next));
            state = next;
        }
    }

    /** Requests on this conversation are refused with {@code status}: 404 when it is gone, 400 when unusable. */
    void conversationRefused(String id, int status, String message) {
        server.stubFor(post(urlEqualTo("/v1/responses")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.conversation", equalTo(id)))
                .willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"message\": \"" + message + "\", \"type\": "
                                + "\"invalid_request_error\"}}")));
    }

    /** Requests made with this API key are refused with 401, as OpenAI refuses a revoked key. */
    void keyRefused(String apiKey) {
        server.stubFor(post(urlPathMatching("/v1/.*")).atPriority(1)
                .withHeader("Authorization", equalTo("Bearer " + apiKey))
                .willReturn(aResponse().withStatus(401).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\": {\"message\": \"Incorrect API key provided\", \"type\": "
                                + "\"invalid_request_error\", \"code\": \"invalid_api_key\"}}")));
    }

    /** The API key of each request to /v1/responses, oldest first. */
    List<String> responseKeys() {
        return server.findAll(postRequestedFor(urlEqualTo("/v1/responses"))).stream()
                .map(request -> request.getHeader("Authorization").replaceFirst("^Bearer ", "")).toList();
    }

    List<JsonNode> responseRequests() {
        return requests("/v1/responses");
    }

    /** The bodies the stub answered to /v1/responses, oldest first. */
    List<JsonNode> responsesServed() {
        List<JsonNode> served = new java.util.ArrayList<>(server.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getUrl().equals("/v1/responses"))
                .map(event -> Json.read(event.getResponse().getBodyAsString())).toList());
        java.util.Collections.reverse(served);
        return served;
    }

    /** The ids of the conversations deleted (DELETE /v1/conversations/{id}), in order. */
    public List<String> deletedConversations() {
        return server.findAll(deleteRequestedFor(urlPathMatching("/v1/conversations/[^/]+"))).stream()
                .map(request -> request.getUrl().substring("/v1/conversations/".length())).toList();
    }

    /**
     * What OpenAI's conversations still hold: the body of every conversation created, and of every response added
     * to a conversation, unless that conversation was deleted afterwards. The response objects OpenAI keeps apart
     * for up to 30 days are not modelled (docs/decisions/0092-processor-copies-deleted-by-the-worker.md).
     */
    public List<String> heldInConversations() {
        List<String> deleted = deletedConversations();
        return server.getAllServeEvents().stream()
                .filter(event -> event.getRequest().getMethod().getName().equals("POST"))
                .filter(event -> !deleted.contains(event.getRequest().getUrl().equals("/v1/conversations")
                        ? Json.read(event.getResponse().getBodyAsString()).path("id").asText()
                        : Json.read(event.getRequest().getBodyAsString()).path("conversation").asText()))
                .map(event -> event.getRequest().getBodyAsString()).toList();
    }

    List<JsonNode> conversationRequests() {
        return requests("/v1/conversations");
    }

    private List<JsonNode> requests(String path) {
        return server.findAll(postRequestedFor(urlEqualTo(path))).stream()
                .map(request -> Json.read(request.getBodyAsString())).toList();
    }

    static ResponseDefinitionBuilder status(int status) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody("{\"error\": {\"message\": \"scripted " + status + "\", \"type\": \"server_error\"}}");
    }

    public static ResponseDefinitionBuilder functionCalls(int inputTokens, int outputTokens, String... nameAndArguments) {
        ObjectNode response = response(inputTokens, outputTokens);
        ArrayNode output = response.putArray("output");
        for (int i = 0; i < nameAndArguments.length; i += 2) {
            int id = IDS.incrementAndGet();
            output.addObject().put("type", "function_call").put("id", "fc_" + id).put("call_id", "call_" + id)
                    .put("name", nameAndArguments[i]).put("arguments", nameAndArguments[i + 1])
                    .put("status", "completed");
        }
        return okJson(Json.write(response));
    }

    public static ResponseDefinitionBuilder message(int inputTokens, int outputTokens, String text) {
        ObjectNode response = response(inputTokens, outputTokens);
        ObjectNode message = response.putArray("output").addObject();
        message.put("type", "message").put("id", "msg_" + IDS.incrementAndGet()).put("role", "assistant")
                .put("status", "completed");
        message.putArray("content").addObject().put("type", "output_text").put("text", text).putArray("annotations");
        return okJson(Json.write(response));
    }

    private static ObjectNode response(int inputTokens, int outputTokens) {
        ObjectNode response = Json.MAPPER.createObjectNode();
        response.put("id", "resp_" + IDS.incrementAndGet()).put("object", "response").put("created_at", 1795000000)
                .put("status", "completed").put("model", "gpt-5-mini").put("parallel_tool_calls", true)
                .put("tool_choice", "auto").putArray("tools");
        response.putObject("metadata");
        ObjectNode usage = response.putObject("usage");
        usage.put("input_tokens", inputTokens).put("output_tokens", outputTokens)
                .put("total_tokens", inputTokens + outputTokens);
        usage.putObject("input_tokens_details").put("cached_tokens", 0);
        usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        return response;
    }

    @Override
    public void close() {
        server.stop();
    }
}
