package uk.clubreg.assistant.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static uk.clubreg.assistant.openai.OpenAiStub.message;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.assistant.Assistant;
import uk.clubreg.assistant.ConversationFixtures;
import uk.clubreg.assistant.ConversationFixtures.Family;
import uk.clubreg.assistant.LanguageDetector;
import uk.clubreg.assistant.RegistrationConversation;
import uk.clubreg.conversations.Reply;

/**
 * In AI mode the parent's language is found by the same detector as in guided mode, or chosen with LANGUAGE in the
 * club's own (guided) steps, stored the same way, and told to the model with this parent's state, after the prefix
 * every request shares.
 */
class OpenAiLanguageIT {

    /** Sure of Polish for anything with "dzień" in it, of English otherwise. */
    private static final LanguageDetector DETECTOR = text -> Optional.of(new LanguageDetector.Guess(
            text.toLowerCase().contains("dzień") ? "pl" : "en", 0.99));

    private final AiTestBed bed = new AiTestBed();
    private final ConversationFixtures fixtures = bed.fixtures();
    private final OpenAiStub openAi = bed.openAi();
    private final RegistrationConversation engine = fixtures.engine(Assistant.ai(context -> new OpenAiResponder(
                    openAi.client(0, Duration.ofSeconds(5)), () -> new OpenAiResponder.Model("gpt-5-mini", "low", 3, 20,
                    Duration.ofSeconds(5), 0), context, DETECTOR))
                    .create(fixtures.context(false, ConversationFixtures.GUIDED_STEPS)),
            bed.replies(), ConversationFixtures.GUIDED_STEPS, ConversationFixtures.CLOCK);

    @AfterEach
    void stop() {
        bed.close();
    }

    @Test
    void aParentWhoWritesInPolishHasItKeptAndTheModelIsToldAfterTheSharedPrefix() {
        Family family = fixtures.family("+447700900701", null, "Seb");
        openAi.responses(message(900, 20, "Dzień dobry! Czy chcesz zarejestrować Seba w drużynie Panthers?"));

        say(family, "Dzień dobry, chciałabym zapisać syna do drużyny");

        assertThat(fixtures.value("SELECT language FROM parents")).isEqualTo("pl");
        String instructions = openAi.responseRequests().getFirst().path("instructions").asText();
        assertThat(instructions).contains("plain text in the parent's language").contains("\nLanguage: Polish\n");
        // The language is this parent's state: after the stage guidance, before the players, never in the prefix.
        assertThat(instructions.indexOf("\nLanguage: ")).isGreaterThan(instructions.indexOf("\nBy stage:"))
                .isGreaterThan(instructions.indexOf("\nParent: "))
                .isLessThan(instructions.indexOf("\nPlayers: "));

        openAi.responses(message(700, 15, "Świetnie!"));
        say(family, "Tak");
        assertThat(openAi.responseRequests().getLast().path("instructions").asText()).contains("\nLanguage: Polish\n");
    }

    @Test
    void aParentWritingInTheClubsDefaultLanguageHasNoneStoredAndTheModelNoLanguageLine() {
        Family family = fixtures.family("+447700900702", null, "Seb");
        openAi.responses(message(900, 20, "Great, shall we register Seb?"));

        say(family, "Hello, I would like to register my son for the new season");

        assertThat(fixtures.value("SELECT language FROM parents")).isNull();
        assertThat(openAi.responseRequests().getFirst().path("instructions").asText()).doesNotContain("Language:");
    }

    @Test
    void languageIsAnsweredByTheClubsOwnStepsAndTheChoiceIsWhatTheModelIsToldNext() {
        Family family = fixtures.family("+447700900703", null, "Seb");

        Reply list = say(family, "LANGUAGE");
        assertThat(list.text()).startsWith("Which language would you like me to write in?").contains("2. \u2068Polski");
        Reply polish = say(family, "2");
        assertThat(polish.text()).startsWith("Dobrze, od teraz piszę po polsku.")
                .endsWith("Czy chcesz zarejestrować dziecko (Seb) w drużynie Panthers na sezon 2026-27?");
        assertThat(openAi.responseRequests()).isEmpty();
        assertThat(fixtures.value("SELECT language FROM parents")).isEqualTo("pl");

        openAi.responses(message(700, 15, "Świetnie! Czy Seb grał w klubie w zeszłym sezonie?"));
        say(family, "tak");
        JsonNode request = openAi.responseRequests().getFirst();
        assertThat(request.path("instructions").asText()).contains("\nLanguage: Polish\n");
        assertThat(request.path("tools")).hasSize(3);
    }

    private Reply say(Family family, String text) {
        fixtures.inbound(family, text);
        engine.respond(family.conversationId());
        return bed.replies().lastReplyTo(family.conversationId());
    }
}
