package uk.clubreg.assistant.guided;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GuidedTextsTest {

    private final GuidedTexts english = GuidedTexts.english();

    @Test
    void fillsNamedPlaceholdersWhereverTheMessagePutsThem() {
        assertThat(english.text("completed", Map.of("season", "2026-27", "team", "U11 Panthers", "child", "Sam")))
                .isEqualTo("Thank you! Sam's registration with U11 Panthers for 2026-27 is complete.");
    }

    @Test
    void aValueIsInsertedLiterally() {
        assertThat(english.text("ask.played_last_season", Map.of("child", "Sam", "club", "Club $1 {x}")))
                .isEqualTo("Did Sam play for Club $1 {x} last season?");
    }

    @Test
    void aPlaceholderWithoutAValueIsRefused() {
        assertThatThrownBy(() -> english.text("completed", Map.of("child", "Sam")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("{team}");
    }

    @Test
    void anUnknownKeyIsRefused() {
        assertThatThrownBy(() -> english.text("no.such.key")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no.such.key");
    }

    @Test
    void listsNamesAsASentence() {
        assertThat(english.list(List.of())).isEmpty();
        assertThat(english.list(List.of("Sam"))).isEqualTo("Sam");
        assertThat(english.list(List.of("Sam", "Ria"))).isEqualTo("Sam and Ria");
        assertThat(english.list(List.of("Sam", "Ria", "Leo"))).isEqualTo("Sam, Ria and Leo");
    }

    @Test
    void wordsAreTrimmedLowerCaseAlternatives() {
        assertThat(english.words("words.start_again")).containsExactly("start again", "start over", "restart");
        assertThat(english.words("words.yes")).contains("yes", "of course", "👍");
    }

    @Test
    void answersUnderstandButtonNumbersAndWords() {
        Answers answers = new Answers(List.of(english));
        assertThat(answers.yesNo("1")).contains(true);
        assertThat(answers.yesNo("nope not this time")).contains(false);
        assertThat(answers.yesNo("maybe")).isEmpty();
        assertThat(answers.isFeeQuestion("how much are the subs", "how much are the subs")).isTrue();
        assertThat(answers.isFeeQuestion("the fees are fine", "the fees are fine")).isFalse();
    }
}
