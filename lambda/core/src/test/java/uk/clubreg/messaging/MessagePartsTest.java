package uk.clubreg.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MessagePartsTest {

    private static final String SENTENCE = "Seb's kit is ordered with the rest of the team's in the first week of term. ";

    @Test
    void aTextWithinTheLimitIsOnePart() {
        assertThat(MessageParts.of("Thanks! What is Seb's date of birth?")).containsExactly(
                "Thanks! What is Seb's date of birth?");
    }

    @Test
    void aLongTextIsCutAtSentenceEndsIntoPartsUnderTheLimitWithNothingLost() {
        String text = SENTENCE.repeat(60).strip();

        List<String> parts = MessageParts.of(text);

        assertThat(parts).hasSizeGreaterThan(2).allSatisfy(part -> {
            assertThat(part.length()).isLessThanOrEqualTo(MessageParts.MAX);
            assertThat(part).startsWith("Seb's").endsWith("term.");
        });
        assertThat(String.join(" ", parts)).isEqualTo(text);
    }

    @Test
    void aLineBreakIsABoundaryToo() {
        assertThat(MessageParts.of("First line without a stop\nsecond line here", 30))
                .containsExactly("First line without a stop", "second line here");
    }

    @Test
    void aSentenceLongerThanTheLimitIsCutAtASpaceAndAWordLongerStillAtTheLimit() {
        assertThat(MessageParts.of("one two three four five", 10)).containsExactly("one two", "three four", "five");
        assertThat(MessageParts.of("x".repeat(25), 10)).containsExactly("x".repeat(10), "x".repeat(10), "x".repeat(5));
    }
}
