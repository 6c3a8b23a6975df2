package uk.clubreg.assistant.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.clubreg.assistant.openai.OpenAiStub.functionCalls;
import static uk.clubreg.assistant.openai.OpenAiStub.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.assistant.ConversationFixtures;
import uk.clubreg.assistant.ConversationFixtures.Family;
import uk.clubreg.assistant.RegistrationConversation;
import uk.clubreg.conversations.Reply;

/**
 * In AI mode the model is told the parent's language with this parent's state, after the prefix every request
 * shares, and keeps a language with set_language, stored as guided mode stores it.
 */
class OpenAiLanguageIT {

    private final AiTestBed bed = new AiTestBed();
    private final ConversationFixtures fixtures = bed.fixtures();
    private final OpenAiStub openAi = bed.openAi();
    private final RegistrationConversation engine = fixtures.engine(new OpenAiResponder(
            openAi.client(0, Duration.ofSeconds(5)), () -> new OpenAiResponder.Model("gpt-5-mini", "low", 3, 20,
                    Duration.ofSeconds(5), 0), fixtures.context()), bed.replies(), ConversationFixtures.SETTINGS,
            ConversationFixtures.CLOCK);

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void theModelKeepsThePolishItDetectsAndIsToldToReplyInItFromTheNextTurnOn() {
        Family family = fixtures.family("+447700900701", null, "Seb");
        openAi.responses(functionCalls(800, 20, "set_language", "{\"language\": \"pl\"}"),
                message(900, 20, "Dzień dobry! Czy chcesz zarejestrować Seba w drużynie Panthers?"));

        Reply reply = say(family, "Dzień dobry, chciałabym zapisać syna do drużyny");

        assertThat(reply.text()).startsWith("Dzień dobry!");
        assertThat(fixtures.value("SELECT language FROM parents")).isEqualTo("pl");
        JsonNode first = openAi.responseRequests().getFirst();
        String instructions = first.path("instructions").asText();
        assertThat(instructions).contains("\nLanguage: English (not chosen)\n");
        // The language line is this parent's state: after the stage guidance, before the players, never in the prefix.
        assertThat(instructions.indexOf("\nLanguage: ")).isGreaterThan(instructions.indexOf("\nBy stage:"))
                .isLessThan(instructions.indexOf("\nPlayers: "));
        JsonNode setLanguage = StreamSupport.stream(first.path("tools").spliterator(), false)
                .filter(tool -> tool.path("name").asText().equals("set_language")).findFirst().orElseThrow();
        assertThat(setLanguage.path("description").asText()).contains("another language than Language");
        assertThat(setLanguage.path("parameters").path("properties").path("language").path("enum").toString())
                .isEqualTo("[\"en\",\"pl\",\"ur\",\"ar\",\"ro\"]");

        openAi.responses(message(700, 15, "Świetnie!"));
        say(family, "Tak");

        assertThat(openAi.responseRequests().getLast().path("instructions").asText()).contains("\nLanguage: Polish\n")
                .doesNotContain("not chosen");
    }

    @Test
    void aLanguageTheClubDoesNotOfferIsRefusedAndNothingIsStored() {
        Family family = fixtures.family("+447700900702", null, "Seb");
        openAi.responses(functionCalls(800, 20, "set_language", "{\"language\": \"de\"}"),
                message(900, 20, "Sorry, I can write in English, Polish, Urdu, Arabic or Romanian."));

        say(family, "Können Sie bitte auf Deutsch schreiben?");

        assertThat(fixtures.value("SELECT language FROM parents")).isNull();
        assertThat(openAi.responseRequests().get(1).path("input").get(0).path("output").asText())
                .contains("\"ok\":false", "language must be one of en, pl, ur, ar, ro");
    }

    private Reply say(Family family, String text) {
        fixtures.inbound(family, text);
        engine.respond(family.conversationId());
        return bed.replies().lastReplyTo(family.conversationId());
    }
}
