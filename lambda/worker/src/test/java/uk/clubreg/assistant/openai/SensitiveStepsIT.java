package uk.clubreg.assistant.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.clubreg.assistant.openai.OpenAiStub.functionCalls;
import static uk.clubreg.assistant.openai.OpenAiStub.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.assistant.Assistant;
import uk.clubreg.assistant.ConversationFixtures;
import uk.clubreg.assistant.ConversationFixtures.Family;
import uk.clubreg.assistant.RecordingReplies;
import uk.clubreg.assistant.RegistrationConversation;
import uk.clubreg.assistant.ResponderContext;
import uk.clubreg.conversations.Reply;

/**
 * AI_SENSITIVE_DETAILS=guided (the default) with the real openai-java client against the stub: medical notes and
 * the emergency contact are asked in guided steps and never reach OpenAI, in a request, a tool's schema or output,
 * the instructions, or a rebuilt conversation (docs/decisions/0094-sensitive-details-in-guided-steps.md).
 */
class SensitiveStepsIT {

    private static final String MEDICAL = "Peanut allergy, carries an EpiPen";

    private final AiTestBed bed = new AiTestBed();
    private final ConversationFixtures fixtures = bed.fixtures();
    private final RecordingReplies replies = bed.replies();
    private final OpenAiStub openAi = bed.openAi();
    private RegistrationConversation engine;

    @BeforeEach
    void start() {
        ResponderContext context = fixtures.context(false, ConversationFixtures.GUIDED_STEPS);
        engine = fixtures.engine(Assistant.ai(c -> new OpenAiResponder(openAi.client(0, Duration.ofSeconds(5)),
                        () -> new OpenAiResponder.Model("gpt-5-mini", "low", 3, 20, Duration.ofSeconds(5), 0), c))
                        .create(context), replies, ConversationFixtures.GUIDED_STEPS, ConversationFixtures.CLOCK);
    }

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void theAiHandsTheSensitiveDetailsToGuidedStepsWhoseAnswersNeverReachOpenAi() {
        Family family = fixtures.family("+447700900531", null, "Seb");
        long seb = family.playerId();
        openAi.responses(
                functionCalls(800, 40, "update_registration_status", "{\"player_id\": \"" + seb
                                + "\", \"status\": \"confirmed\", \"is_returning_player\": false}",
                        "record_player_details", "{\"player_id\": \"" + seb + "\", \"date_of_birth\": \"2016-03-14\", "
                                + "\"photo_consent\": true, \"kit_size\": \"M\"}"),
                message(900, 20, "Thanks, that's everything I need from you about Seb."),
                message(950, 15, "Training times come from your team manager."));

        Reply handOver = say(family, "Yes please, he's new, born 14/03/2016, photos fine, size M");

        assertThat(handOver.text()).startsWith("Thanks, that's everything I need from you about Seb.\n\n")
                .contains("your answers go to the club only", "Does Seb have any medical conditions or allergies");
        assertThat(say(family, MEDICAL).text()).contains("Who should we contact in an emergency?");
        assertThat(say(family, "Jo Guardian").text()).contains("their phone number?");
        assertThat(say(family, "07700 900299").text())
                .contains("Seb's registration with Panthers for 2026-27 is complete", "Thanks Lee");
        assertThat(openAi.responseRequests()).as("the guided steps called no model").hasSize(2);
        assertThat(fixtures.value("SELECT medical_notes || ' / ' || emergency_contact_name || ' / ' || "
                + "emergency_contact_tel || ' / ' || stage FROM players WHERE id = " + seb))
                .isEqualTo(MEDICAL + " / Jo Guardian / +447700900299 / completed");

        // The AI answers again, told what the club said last; then its conversation is lost and rebuilt.
        say(family, "Thanks! When is training?");
        fixtures.execute("UPDATE conversations SET openai_conversation_id = 'conv_gone'");
        openAi.conversationRefused("conv_gone", 404, "Conversation not found");
        openAi.conversationCreated("conv_2");
        say(family, "And where?");

        JsonNode afterGuided = openAi.responseRequests().get(2);
        assertThat(afterGuided.path("input").get(0).path("role").asText()).isEqualTo("developer");
        assertThat(afterGuided.path("input").get(0).path("content").asText())
                .startsWith(OpenAiResponder.CLUB_SAID_NOTE).contains("Seb: registered for 2026-27");
        JsonNode rebuilt = openAi.conversationRequests().getLast();
        assertThat(rebuilt.path("items").findValuesAsText("content")).contains("Thanks! When is training?")
                .noneMatch(item -> item.contains(MEDICAL) || item.contains("Who should we contact"));
        JsonNode first = openAi.responseRequests().getFirst();
        assertThat(first.path("instructions").asText()).contains("the club's own questions");
        assertThat(toolNamed(first, "record_player_details").path("parameters").path("properties").fieldNames()).toIterable()
                .containsExactly("player_id", "date_of_birth", "photo_consent", "kit_size");
        for (String body : openAi.heldInConversations()) {
            assertThat(body).doesNotContain("Peanut", "EpiPen", "Guardian", "900299");
        }
        for (JsonNode request : openAi.responseRequests()) {
            assertThat(request.toString()).doesNotContain("Peanut", "EpiPen", "Guardian", "900299");
        }
    }

    @Test
    void aReturningPlayersEmergencyContactIsNeitherShownToTheModelNorKeptByIt() {
        Family family = fixtures.family("+447700900532", null, "Seb");
        long seb = family.playerId();
        fixtures.completedLastSeason(family, seb);
        fixtures.execute("UPDATE players SET registration_status = 'confirmed', stage = 'returning_player_check' "
                + "WHERE season = '2026-27'");
        openAi.responses(
                functionCalls(900, 30, "confirm_last_season_details",
                        "{\"player_id\": \"" + seb + "\", \"changed_details\": []}"),
                message(950, 25, "Thanks! Do you consent to photos of Seb?"));

        say(family, "Yes that's all still right");

        JsonNode first = openAi.responseRequests().getFirst();
        assertThat(first.path("instructions").asText())
                .contains("\"last_season\":{\"season\":\"2025-26\",\"date_of_birth\":\"2016-03-14\",\"kit_size\":\"9-10\"}")
                .doesNotContain("Jo Parent", "900299");
        assertThat(toolNamed(first, "confirm_last_season_details").toString()).doesNotContain("emergency_contact");
        assertThat(openAi.responseRequests().get(1).path("input").get(0).path("output").asText())
                .contains("kept from last season: date_of_birth, kit_size");
        assertThat(fixtures.value("SELECT date_of_birth || ' ' || kit_size || ' ' || "
                + "coalesce(emergency_contact_tel, 'asked again') FROM players WHERE id = " + seb))
                .isEqualTo("2016-03-14 9-10 asked again");
    }

    @Test
    void aMedicalNoteTheModelTriesToRecordIsRefused() {
        Family family = fixtures.family("+447700900533", null, "Seb");
        long seb = family.playerId();
        fixtures.execute("UPDATE players SET registration_status = 'confirmed', stage = 'info_collection', "
                + "is_returning_player = false WHERE id = " + seb);
        openAi.responses(
                functionCalls(900, 30, "record_player_details", "{\"player_id\": \"" + seb
                        + "\", \"date_of_birth\": \"2016-03-14\", \"medical_notes\": \"Asthma\"}"),
                message(950, 25, "Sorry, what is Seb's date of birth?"));

        say(family, "Born 14/03/2016, asthma");

        assertThat(openAi.responseRequests().get(1).path("input").get(0).path("output").asText())
                .contains("\"ok\":false", "the club's own questions");
        assertThat(fixtures.value("SELECT coalesce(medical_notes, 'none') || ' ' || coalesce(date_of_birth::text, "
                + "'none') FROM players WHERE id = " + seb)).isEqualTo("none none");
    }

    private static JsonNode toolNamed(JsonNode request, String name) {
        for (JsonNode tool : request.path("tools")) {
            if (tool.path("name").asText().equals(name)) {
                return tool;
            }
        }
        throw new AssertionError("no tool " + name + " in " + request.path("tools"));
    }

    private Reply say(Family family, String text) {
        fixtures.inbound(family, text);
        engine.respond(family.conversationId());
        return replies.lastReplyTo(family.conversationId());
    }
}
