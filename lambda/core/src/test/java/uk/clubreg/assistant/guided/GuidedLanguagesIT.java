package uk.clubreg.assistant.guided;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.assistant.ConversationFixtures;
import uk.clubreg.assistant.ConversationFixtures.Family;
import uk.clubreg.assistant.LanguageDetector;
import uk.clubreg.assistant.RecordingReplies;
import uk.clubreg.assistant.RegistrationConversation;
import uk.clubreg.conversations.Reply;
import uk.clubreg.persistence.Database;
import uk.clubreg.testsupport.TestPostgres;

/** A parent chooses their language with LANGUAGE, or confirms the one their first long message is written in. */
class GuidedLanguagesIT {

    private Database database;
    private ConversationFixtures fixtures;
    private RecordingReplies replies;
    private RegistrationConversation engine;
    /** What the detector is asked, and what it answers: Polish, as sure as the test says. */
    private final List<String> detected = new ArrayList<>();
    private double confidence = 0.99;

    @BeforeEach
    void start() {
        database = TestPostgres.freshDatabase();
        fixtures = new ConversationFixtures(database);
        replies = new RecordingReplies(database);
        LanguageDetector polish = text -> {
            detected.add(text);
            return Optional.of(new LanguageDetector.Guess("pl", confidence));
        };
        engine = fixtures.engine(new GuidedResponder(fixtures.context(), polish), replies,
                ConversationFixtures.SETTINGS, ConversationFixtures.CLOCK);
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void languageOffersTheClubsLanguagesAndANumberSwitchesToOneForTheRestOfTheRegistration() {
        Family family = fixtures.family("+447700900601", null, "Seb");

        Reply list = say(family, "LANGUAGE");
        assertThat(list.text()).startsWith("Which language would you like me to write in? Reply with a number:")
                .contains("1. \u2068English\u2069\n2. \u2068Polski\u2069\n3. \u2068اردو\u2069\n"
                        + "4. \u2068العربية\u2069\n5. \u2068Română\u2069");

        Reply polish = say(family, "2");
        assertThat(polish.text()).startsWith("Dobrze, od teraz piszę po polsku.")
                .endsWith("Czy chcesz zarejestrować dziecko (Seb) w drużynie Panthers na sezon 2026-27?");
        assertThat(polish.quickReplies()).containsExactly("Tak", "Nie");
        assertThat(language(family)).isEqualTo("pl");

        Reply next = say(family, "tak");
        assertThat(next.text()).isEqualTo("Świetnie!\n\nCzy Seb grał(a) w Urmston Town Juniors FC w zeszłym sezonie?");
        assertThat(fixtures.player(family.playerId(), "registration_status")).isEqualTo("confirmed");
    }

    @Test
    void halfwayThroughAParentSwitchesToUrduAndBackToEnglishAndTheDetailsStayLanguageNeutral() {
        Family family = fixtures.family("+447700900602", null, "Seb");
        say(family, "Yes");
        say(family, "No");

        say(family, "زبان");
        Reply urdu = say(family, "۳");
        assertThat(urdu.text()).startsWith("\u200Fٹھیک ہے، اب سے میں آپ کو اردو میں لکھوں گا۔")
                .contains("Seb کی تاریخ پیدائش کیا ہے؟");
        say(family, "١٤/٠٣/٢٠١٦");
        say(family, "کوئی نہیں");
        say(family, "Jo Parent");
        say(family, "۰۷۷۰۰ ۹۰۰۲۰۲");
        Reply photo = say(family, "جی ہاں");
        assertThat(photo.text()).contains("Seb کو کٹ کا کون سا سائز چاہیے؟");

        Reply english = say(family, "English");
        assertThat(english.text()).startsWith("OK, I'll write in English from now on.")
                .endsWith("What kit size does Seb need? Reply with a number:\n1. 5-6\n2. 7-8\n3. 9-10\n4. 11-12\n"
                        + "5. 13-14\n6. S\n7. M\n8. L\n9. XL");
        Reply done = say(family, "٧");

        assertThat(done.text()).contains("Seb's registration with Panthers for 2026-27 is complete");
        assertThat(language(family)).isEqualTo("en");
        assertThat(fixtures.player(family.playerId(), "date_of_birth")).isEqualTo("2016-03-14");
        assertThat(fixtures.player(family.playerId(), "photo_consent")).isEqualTo("t");
        assertThat(fixtures.player(family.playerId(), "kit_size")).isEqualTo("M");
    }

    @Test
    void aLongFirstMessageInPolishIsAnsweredThenTheSwitchIsOfferedInPolishAndAcceptedWithTak() {
        Family family = fixtures.family("+447700900603", null, "Seb");

        Reply offer = say(family, "Tak, chciałabym zapisać syna do drużyny na ten sezon");
        assertThat(offer.text()).isEqualTo("Great!\n\nWygląda na to, że piszesz po polsku. Czy od teraz mam pisać "
                + "po polsku?");
        assertThat(offer.quickReplies()).containsExactly("Tak", "Nie");
        assertThat(fixtures.player(family.playerId(), "registration_status")).isEqualTo("confirmed");
        assertThat(language(family)).isNull();

        Reply accepted = say(family, "1");
        assertThat(accepted.text()).isEqualTo("Dobrze, od teraz piszę po polsku. Aby w każdej chwili wybrać inny "
                + "język, napisz JĘZYK.\n\nCzy Seb grał(a) w Urmston Town Juniors FC w zeszłym sezonie?");
        assertThat(language(family)).isEqualTo("pl");

        say(family, "Mój syn grał już w zeszłym sezonie w innej drużynie");
        assertThat(detected).hasSize(1); // chosen: never detected again
    }

    @Test
    void shortAnswersNeverTriggerAnOfferHoweverSureTheDetectorIs() {
        Family family = fixtures.family("+447700900604", null, "Seb");

        for (String shortAnswer : List.of("tak", "ok", "2", "nie wiem")) {
            assertThat(say(family, shortAnswer).text()).doesNotContain("Wygląda na to");
        }
        assertThat(detected).isEmpty();
        assertThat(language(family)).isNull();
    }

    @Test
    void aGuessBelowTheConfidenceThresholdIsNotOffered() {
        confidence = 0.6;
        Family family = fixtures.family("+447700900605", null, "Seb");

        Reply reply = say(family, "Yes please, we would love him to play again this season");

        assertThat(reply.text()).isEqualTo("Great!\n\nDid Seb play for Urmston Town Juniors FC last season?");
        assertThat(detected).hasSize(1);
    }

    @Test
    void aDeclinedOfferKeepsEnglishAndIsNotMadeAgain() {
        Family family = fixtures.family("+447700900606", null, "Seb");
        say(family, "Tak, chciałabym zapisać syna do drużyny na ten sezon");

        Reply declined = say(family, "nie");
        assertThat(declined.text()).isEqualTo("Did Seb play for Urmston Town Juniors FC last season?");
        assertThat(language(family)).isEqualTo("en");

        say(family, "Nie, w zeszłym sezonie grał w innym klubie piłkarskim");
        assertThat(detected).hasSize(1);
        assertThat(fixtures.player(family.playerId(), "is_returning_player")).isEqualTo("f");
    }

    private String language(Family family) {
        return fixtures.value("SELECT language FROM parents WHERE id = (SELECT parent_id FROM conversations WHERE id = "
                + family.conversationId() + ")");
    }

    private Reply say(Family family, String text) {
        fixtures.inbound(family, text);
        engine.respond(family.conversationId());
        return replies.lastReplyTo(family.conversationId());
    }
}
