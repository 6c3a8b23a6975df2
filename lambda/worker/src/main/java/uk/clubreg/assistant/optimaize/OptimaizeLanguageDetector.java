package uk.clubreg.assistant.optimaize;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import uk.clubreg.assistant.LanguageDetector;

/**
 * optimaize's n-gram detector with the profiles of the club's languages only: a guess is always one of them, and
 * five profiles load in a fraction of the time of all 71 (built once per worker, before its SnapStart snapshot).
 */
public final class OptimaizeLanguageDetector implements LanguageDetector {

    private final com.optimaize.langdetect.LanguageDetector detector;
    private final TextObjectFactory texts = CommonTextObjectFactories.forDetectingShortCleanText();

    private OptimaizeLanguageDetector(com.optimaize.langdetect.LanguageDetector detector) {
        this.detector = detector;
    }

    /** @param languages ISO 639-1 codes, each with a built-in profile (the club's LANGUAGES) */
    public static OptimaizeLanguageDetector of(List<String> languages) {
        try {
            return new OptimaizeLanguageDetector(LanguageDetectorBuilder.create(NgramExtractors.standard())
                    .withProfiles(new LanguageProfileReader().read(languages)).build());
        } catch (IOException e) {
            throw new UncheckedIOException("No built-in language profile for one of " + languages, e);
        }
    }

    @Override
    public Optional<Guess> bestGuess(String text) {
        List<DetectedLanguage> probabilities = detector.getProbabilities(texts.forText(text));
        return probabilities.stream().findFirst()
                .map(best -> new Guess(best.getLocale().getLanguage(), best.getProbability()));
    }
}
