package uk.clubreg.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.clubreg.assistant.openai.OpenAiStub.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.app.Adapters;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.assistant.openai.OpenAiStub;
import uk.clubreg.config.Config;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.json.Json;
import uk.clubreg.messaging.MessagingHarness;
import uk.clubreg.testsupport.EveryTable;
import uk.clubreg.testsupport.TestClock;
import uk.clubreg.worker.Responders;

/**
 * A parent who talked to the AI is erased: the database, OpenAI's conversation (the real openai-java client against
 * the WireMock OpenAI) and Twilio's message records (twilio-java against the WireMock Twilio) keep nothing of them.
 * OpenAI's separately stored response objects are not deleted (docs/decisions/0092).
 */
class AiParentErasureIT {

    private static final String ALEX = "+447700900661";
    private static final List<String> ALEX_FAMILY = List.of("Okafor", "Alexandra", "Samira", "7700900661",
            "inhaler", "Jolene");

    private final MessagingHarness harness = new MessagingHarness();
    private final OpenAiStub openAi = new OpenAiStub();
    private final TestClock clock = TestClock.atLondon(LocalDateTime.of(2026, 11, 2, 10, 0));
    private RegistrationSystem system;

    @BeforeEach
    void start() {
        harness.twilio.deletesMessageRecords();
        openAi.conversationCreated("conv_0661");
        openAi.responses(message(500, 20, "Thank you, Alexandra. I have noted that Samira uses an inhaler."));
        Config config = harness.config(Map.of("OPENAI_API_KEY", "test-key", "OPENAI_BASE_URL", openAi.baseUrl(),
                "OPENAI_MAX_RETRIES", "0"));
        system = new RegistrationSystem(config, Adapters.fromConfig(config, harness.database).withoutQueue()
                .withClock(clock).withResponder(Responders.fromConfig(config))
                .withAiConversations(Responders.aiConversations(config)));
    }

    @AfterEach
    void stop() {
        openAi.close();
        harness.close();
    }

    @Test
    void afterTheErasureNeitherTheDatabaseNorOpenAiNorTwilioHoldsTheFamily() {
        HttpResponse invited = MessagingHarness.call(system, "POST", "/trigger", """
                {"player_first_name": "Samira", "player_last_name": "Okafor", "parent_tel": "%s",
                 "parent_first_name": "Alexandra", "team_name": "U11 Panthers"}""".formatted(ALEX));
        assertThat(invited.status()).isEqualTo(201);
        harness.parentSays(system, ALEX, "Samira uses an inhaler; in an emergency call Jolene on 07700 900662");
        assertThat(openAi.heldInConversations()).anySatisfy(body -> assertThat(body).contains("inhaler"));
        assertThat(harness.twilio.heldSends()).anySatisfy(form -> assertThat(form.get("Body")).contains("Samira"));

        JsonNode erased = Json.read(MessagingHarness.call(system, "DELETE", "/admin/parents/07700900661", null)
                .body());

        assertThat(erased.path("processor_deletions_queued").path("openai_conversations").asInt()).isEqualTo(1);
        assertThat(openAi.deletedConversations()).containsExactly("conv_0661");
        assertThat(harness.twilio.deletedSids()).hasSize(
                erased.path("processor_deletions_queued").path("twilio_messages").asInt()).hasSizeGreaterThan(2);
        for (String needle : ALEX_FAMILY) {
            assertThat(EveryTable.rowsContaining(harness.database, needle)).as(needle).isEmpty();
            assertThat(openAi.heldInConversations()).as(needle).noneSatisfy(body ->
                    assertThat(body).containsIgnoringCase(needle));
            assertThat(harness.twilio.heldSends()).as(needle).noneSatisfy(form ->
                    assertThat(form.toString()).containsIgnoringCase(needle));
        }
    }
}
