package uk.clubreg.assistant.guided;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the assistant writes to parents, from the {@code texts} resource bundles of this package: English
 * ({@code texts.properties}) and one {@code texts_<lang>.properties} per language a club may configure. Each message
 * is one translatable string whose values are named placeholders ({@code {child}}), so a translation may put them in
 * any order. Keys starting {@code words.} are comma-separated answers the parent may type. A right-to-left
 * language's messages start with a right-to-left mark, so a message that opens with a name still reads from the
 * right (docs/decisions/0111-texts-in-resource-bundles.md).
 */
public final class GuidedTexts {

    static final String BUNDLE = "uk.clubreg.assistant.guided.texts";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
    // Only the bundles themselves: never the JVM's default locale.
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private static final String RIGHT_TO_LEFT_MARK = "\u200F";

    private final String language;
    private final ResourceBundle bundle;
    private final boolean rightToLeft;

    private GuidedTexts(String language, ResourceBundle bundle) {
        this.language = language;
        this.bundle = bundle;
        this.rightToLeft = "rtl".equals(bundle.getString("language.direction"));
    }

    public static GuidedTexts english() {
        return new GuidedTexts("en", ResourceBundle.getBundle(BUNDLE, Locale.ROOT, NO_FALLBACK));
    }

    /** The texts in {@code language} (an ISO 639-1 code); a language without its own bundle is a configuration error. */
    public static GuidedTexts of(String language) {
        if ("en".equals(language)) {
            return english();
        }
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, Locale.of(language), NO_FALLBACK);
        if (!bundle.getLocale().getLanguage().equals(language)) {
            throw new IllegalStateException("No texts in language " + language + " (LANGUAGES, docs/configuration.md)");
        }
        return new GuidedTexts(language, bundle);
    }

    /** The texts of every language in {@code languages}, in that order. */
    public static List<GuidedTexts> of(List<String> languages) {
        return languages.stream().map(GuidedTexts::of).toList();
    }

    public String language() {
        return language;
    }

    /**
     * The language's own name ("Polski", "العربية") as a directional isolate (U+2068 ... U+2069): in a list written
     * in another language it keeps its own direction without turning the line around.
     */
    String isolatedName() {
        return "\u2068" + message("language.name") + "\u2069";
    }

    /** The language's own name, as a parent may type it to choose it. */
    String name() {
        return message("language.name");
    }

    /** The message with its placeholders filled in; a placeholder without a value is a programming error. */
    public String text(String key, Map<String, ?> values) {
        Matcher placeholder = PLACEHOLDER.matcher(message(key));
        StringBuilder out = new StringBuilder();
        while (placeholder.find()) {
            Object value = values.get(placeholder.group(1));
            if (value == null) {
                throw new IllegalArgumentException("No value for {" + placeholder.group(1) + "} in " + key);
            }
            placeholder.appendReplacement(out, Matcher.quoteReplacement(value.toString()));
        }
        String text = placeholder.appendTail(out).toString();
        return rightToLeft ? RIGHT_TO_LEFT_MARK + text : text;
    }

    public String text(String key) {
        return text(key, Map.of());
    }

    /** The answers listed under a {@code words.} key, lower case. */
    public List<String> words(String key) {
        return Arrays.stream(message(key).split(",")).map(String::trim).filter(word -> !word.isEmpty())
                .map(word -> word.toLowerCase(Locale.ROOT)).toList();
    }

    /** Names as a sentence lists them: "Sam", "Sam and Ria", "Sam, Ria and Leo". */
    public String list(List<String> names) {
        if (names.size() <= 1) {
            return names.isEmpty() ? "" : names.getFirst();
        }
        return text("list.and", Map.of("first", String.join(text("list.comma"), names.subList(0, names.size() - 1)),
                "last", names.getLast()));
    }

    private String message(String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalArgumentException("No guided text " + key, e);
        }
    }
}
