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
 * Guided mode's texts from the {@code texts} resource bundles of this package: each message is one translatable
 * string whose values are named placeholders ({@code {child}}), so a translation may put them in any order. Keys
 * starting {@code words.} are comma-separated answers the parent may type.
 */
public final class GuidedTexts {

    static final String BUNDLE = "uk.clubreg.assistant.guided.texts";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]+)}");
    // Only the bundles themselves: never the JVM's default locale.
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final ResourceBundle bundle;

    private GuidedTexts(ResourceBundle bundle) {
        this.bundle = bundle;
    }

    public static GuidedTexts english() {
        return new GuidedTexts(ResourceBundle.getBundle(BUNDLE, Locale.ROOT, NO_FALLBACK));
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
        return placeholder.appendTail(out).toString();
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
