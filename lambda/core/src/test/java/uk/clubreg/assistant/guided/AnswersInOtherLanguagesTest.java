package uk.clubreg.assistant.guided;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A parent is understood in any of the club's languages, whatever language the texts are in. */
class AnswersInOtherLanguagesTest {

    private static final List<String> LANGUAGES = List.of("en", "pl", "ur", "ar", "ro");
    private final Answers answers = new Answers(GuidedTexts.of(LANGUAGES));

    @ParameterizedTest
    @CsvSource({"tak, true", "Tak!, true", "nie, false", "da, true", "nu, false", "نعم, true", "لا, false",
            "ہاں, true", "نہیں, false", "جی ہاں, true", "جی نہیں, false", "nie dziękuję, false", "yes, true",
            "'nu, mulțumesc', false", "‏نعم, true"})
    void yesAndNoAreUnderstoodInEveryLanguage(String typed, boolean meaning) {
        assertThat(answers.yesNo(Answers.normalise(typed))).contains(meaning);
    }

    @Test
    void aWordThatIsNeitherIsNotTakenForYesOrNo() {
        assertThat(answers.yesNo(Answers.normalise("może"))).isEmpty();
        assertThat(answers.yesNo(Answers.normalise("ربما"))).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"١, 1", "۲, 2", "٣, 3", "٢٠١٦/٠٣/١٤, 2016/03/14", "۰۷۷۰۰ ۹۰۰۱۲۳, 07700 900123", "1, 1"})
    void digitsOfAnyScriptAreReadAs0To9(String typed, String read) {
        assertThat(Answers.normalise(typed)).isEqualTo(read);
    }

    @Test
    void aNumberedChoiceInArabicOrEasternDigitsAnswersAsItsNumber() {
        assertThat(answers.yesNo(Answers.normalise("١"))).contains(true);
        assertThat(answers.yesNo(Answers.normalise("۲"))).contains(false);
        assertThat(answers.carryOnOrStartAgain(Answers.normalise("٢"))).contains(false);
        assertThat(answers.language(Answers.normalise("٢"), LANGUAGES)).contains("pl");
    }

    @Test
    void aLanguageIsChosenByItsNumberItsOwnNameOrItsCode() {
        assertThat(answers.language("2", LANGUAGES)).contains("pl");
        assertThat(answers.language(Answers.normalise("Polski"), LANGUAGES)).contains("pl");
        assertThat(answers.language(Answers.normalise("العربية"), LANGUAGES)).contains("ar");
        assertThat(answers.language(Answers.normalise("Română"), LANGUAGES)).contains("ro");
        assertThat(answers.language("ur", LANGUAGES)).contains("ur");
        assertThat(answers.language(Answers.normalise("\u2068Polski\u2069"), LANGUAGES)).contains("pl");
        assertThat(answers.language("6", LANGUAGES)).isEmpty();
        assertThat(answers.language("deutsch", LANGUAGES)).isEmpty();
    }

    @Test
    void languageAndEnglishAreKeywordsInEveryLanguage() {
        for (String keyword : List.of("LANGUAGE", "język", "limba", "اللغة", "زبان")) {
            assertThat(answers.asksForLanguages(Answers.normalise(keyword))).as(keyword).isTrue();
        }
        for (String keyword : List.of("English", "angielski", "engleză", "الإنجليزية", "انگریزی")) {
            assertThat(answers.asksForEnglish(Answers.normalise(keyword))).as(keyword).isTrue();
        }
        assertThat(answers.asksForLanguages(Answers.normalise("what language is the kit in"))).isFalse();
    }

    @Test
    void aFeeQuestionInPolishOrUrduIsAnsweredAsOne() {
        assertThat(answers.isFeeQuestion(Answers.normalise("Ile kosztuje składka?"), "Ile kosztuje składka?")).isTrue();
        assertThat(answers.isFeeQuestion(Answers.normalise("فیس کتنی ہے؟"), "فیس کتنی ہے؟")).isTrue();
    }
}
