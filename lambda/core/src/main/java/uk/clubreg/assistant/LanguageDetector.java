package uk.clubreg.assistant;

import java.util.Optional;

/**
 * Which of the club's languages a parent's message is most likely written in, and how likely: the port guided mode
 * asks before it offers to switch (docs/decisions/0112-language-detected-in-the-worker.md). The worker's adapter
 * (optimaize) knows only the club's LANGUAGES; elsewhere nothing is detected and a parent chooses with LANGUAGE.
 */
@FunctionalInterface
public interface LanguageDetector {

    /** A language code of the club's LANGUAGES, with its probability from 0 to 1. */
    record Guess(String language, double probability) {}

    LanguageDetector NONE = text -> Optional.empty();

    Optional<Guess> bestGuess(String text);
}
