package uk.clubreg.assistant;

import java.util.List;
import java.util.Optional;

/**
 * Which of the club's languages a parent's message is most likely written in, and how likely: the port guided mode
 * asks before it offers to switch, and the AI's turn before it tells the model the parent's language
 * (docs/decisions/0112-language-detected-in-the-worker.md). The worker's adapter (optimaize) knows only the club's
 * LANGUAGES; elsewhere nothing is detected and a parent chooses with LANGUAGE.
 */
@FunctionalInterface
public interface LanguageDetector {

    /**
     * A message with fewer letters is never used: "yes", "ok" and numbers say nothing about a language, and short
     * texts are where detection goes wrong.
     */
    int MIN_LETTERS = 20;
    /** The probability a guess needs before it is acted on. */
    double CONFIDENCE = 0.9;

    /** A language code of the club's LANGUAGES, with its probability from 0 to 1. */
    record Guess(String language, double probability) {}

    LanguageDetector NONE = text -> Optional.empty();

    Optional<Guess> bestGuess(String text);

    /** The language of {@code text} when the detector is sure of it and it is one of {@code languages}. */
    default Optional<String> sureOf(String text, List<String> languages) {
        if (text == null || text.codePoints().filter(Character::isLetter).count() < MIN_LETTERS) {
            return Optional.empty();
        }
        return bestGuess(text).filter(guess -> guess.probability() >= CONFIDENCE).map(Guess::language)
                .filter(languages::contains);
    }
}
