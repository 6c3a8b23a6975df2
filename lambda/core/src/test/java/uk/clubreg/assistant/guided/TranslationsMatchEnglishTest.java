package uk.clubreg.assistant.guided;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.clubreg.assistant.ConversationSettings;
import uk.clubreg.config.Setting;

/**
 * Every translation of the texts has exactly English's keys, each with English's placeholders: a text added in
 * English and not translated, or a placeholder renamed in one language, fails the build.
 */
class TranslationsMatchEnglishTest {

    private static final Path BUNDLES = Path.of("src/main/resources/uk/clubreg/assistant/guided");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");

    /** Every texts_<lang>.properties in the sources, whether or not LANGUAGES names it. */
    static Stream<String> translations() throws IOException {
        try (Stream<Path> files = Files.list(BUNDLES)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.matches("texts_[a-z]{2,3}\\.properties"))
                    .map(name -> name.substring("texts_".length(), name.indexOf('.'))).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("translations")
    void aTranslationHasEveryKeyOfEnglishAndNoOther(String language) throws IOException {
        Properties english = load("texts.properties");
        Properties translation = load("texts_" + language + ".properties");

        assertThat(new TreeSet<>(translation.stringPropertyNames())).as("keys of texts_%s", language)
                .isEqualTo(new TreeSet<>(english.stringPropertyNames()));
    }

    @ParameterizedTest
    @MethodSource("translations")
    void eachTranslatedMessageHasEnglishsPlaceholders(String language) throws IOException {
        Properties english = load("texts.properties");
        Properties translation = load("texts_" + language + ".properties");

        for (String key : english.stringPropertyNames()) {
            assertThat(placeholders(translation.getProperty(key, ""))).as("placeholders of %s in texts_%s", key, language)
                    .isEqualTo(placeholders(english.getProperty(key)));
        }
    }

    @ParameterizedTest
    @MethodSource("translations")
    void aTranslationListsItsOwnWordsForEveryAnswerAndLoadsAsItsLanguage(String language) throws IOException {
        Properties translation = load("texts_" + language + ".properties");

        translation.stringPropertyNames().stream().filter(key -> key.startsWith("words.")).forEach(key ->
                assertThat(GuidedTexts.of(language).words(key)).as("%s in texts_%s", key, language).isNotEmpty());
        assertThat(GuidedTexts.of(language).language()).isEqualTo(language);
        assertThat(translation.getProperty("language.direction")).isIn("ltr", "rtl");
    }

    @Test
    void everyDefaultLanguageHasATranslationAndArabicAndUrduAreWrittenRightToLeft() throws IOException {
        List<String> defaults = ConversationSettings.languages(Setting.LANGUAGES.defaultValue());

        assertThat(defaults).containsExactly("en", "pl", "ur", "ar", "ro");
        assertThat(translations().toList()).containsAll(defaults.subList(1, defaults.size()));
        for (String language : Set.of("ar", "ur")) {
            assertThat(load("texts_" + language + ".properties").getProperty("language.direction")).isEqualTo("rtl");
            assertThat(GuidedTexts.of(language).text("confirmed")).startsWith("\u200F");
        }
        assertThat(GuidedTexts.of("pl").text("confirmed")).isEqualTo("Świetnie!");
    }

    private static Set<String> placeholders(String message) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(message);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static Properties load(String file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(BUNDLES.resolve(file), StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
