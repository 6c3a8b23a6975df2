package uk.clubreg.assistant.guided;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import uk.clubreg.players.LastSeason;

/**
 * What a parent's typed answer means, from the {@code words.} lists of the texts of every language the club offers
 * (a parent who writes "tak" or "نعم" while the texts are in English is understood): yes or no, a request for a
 * person, a question about fees, a language. A button's number ("1", "2") answers as the button does, in any digits
 * ("١", "۲").
 */
final class Answers {

    private final List<String> yes;
    private final List<String> no;
    private final Set<String> none;
    private final Set<String> person;
    private final Set<String> help;
    private final List<String> carryOn;
    private final List<String> startAgain;
    private final List<String> change;
    private final List<String> dateOfBirth;
    private final List<String> emergencyContact;
    private final List<String> kitSize;
    private final Pattern feeWords;
    private final Pattern questionStart;
    private final Set<String> languageKeyword;
    private final Set<String> english;
    /** Each language's own name and code, lower case, to the code. */
    private final Map<String, String> languageNames = new HashMap<>();

    Answers(List<GuidedTexts> languages) {
        this(new Words(languages));
        languages.forEach(texts -> {
            languageNames.put(texts.name().toLowerCase(Locale.ROOT), texts.language());
            languageNames.put(texts.language(), texts.language());
        });
    }

    /** The {@code words.} lists of several languages as one. */
    private record Words(List<GuidedTexts> languages) {
        List<String> words(String key) {
            return languages.stream().flatMap(texts -> texts.words(key).stream()).distinct().toList();
        }
    }

    private Answers(Words texts) {
        this.yes = texts.words("words.yes");
        this.no = texts.words("words.no");
        this.none = Set.copyOf(texts.words("words.none"));
        this.person = Set.copyOf(texts.words("words.person"));
        this.help = Set.copyOf(texts.words("words.help"));
        this.carryOn = texts.words("words.carry_on");
        this.startAgain = texts.words("words.start_again");
        this.change = texts.words("words.change");
        this.dateOfBirth = texts.words("words.date_of_birth");
        this.emergencyContact = texts.words("words.emergency_contact");
        this.kitSize = texts.words("words.kit_size");
        this.feeWords = Pattern.compile("\\b(" + alternatives(texts.words("words.fees")) + ")\\b",
                Pattern.UNICODE_CHARACTER_CLASS);
        this.questionStart = Pattern.compile("^(" + alternatives(texts.words("words.question_start")) + ")\\b",
                Pattern.UNICODE_CHARACTER_CLASS);
        this.languageKeyword = Set.copyOf(texts.words("words.language"));
        this.english = Set.copyOf(texts.words("words.english"));
    }

    /** LANGUAGE, in any of the languages: the parent wants the list of languages. */
    boolean asksForLanguages(String answer) {
        return languageKeyword.contains(answer);
    }

    /** ENGLISH, in any of the languages: the way back to English from any other. */
    boolean asksForEnglish(String answer) {
        return english.contains(answer);
    }

    /** The answer to the numbered list of {@code offered} languages: a number, a language's own name or its code. */
    Optional<String> language(String answer, List<String> offered) {
        if (answer.matches("\\d{1,2}")) {
            int choice = Integer.parseInt(answer);
            return choice >= 1 && choice <= offered.size() ? Optional.of(offered.get(choice - 1)) : Optional.empty();
        }
        return Optional.ofNullable(languageNames.get(answer)).filter(offered::contains);
    }

    Optional<Boolean> yesNo(String answer) {
        if (answer.equals("1")) {
            return Optional.of(true);
        }
        if (answer.equals("2")) {
            return Optional.of(false);
        }
        // The longer word decides: Urdu's "جی نہیں" (no) starts with "جی" (yes).
        int yesLength = longestOpening(answer, yes);
        int noLength = longestOpening(answer, no);
        return yesLength == 0 && noLength == 0 ? Optional.empty() : Optional.of(yesLength > noLength);
    }

    private static int longestOpening(String answer, List<String> words) {
        return words.stream().filter(word -> answer.startsWith(word) && (answer.length() == word.length()
                        || !Character.isLetterOrDigit(answer.codePointAt(word.length()))))
                .mapToInt(String::length).max().orElse(0);
    }

    /** "Yes" (still right), or "Change something" (and "No", or the second button's number). */
    Optional<Boolean> stillRight(String answer) {
        if (startsWithAny(answer, change)) {
            return Optional.of(false);
        }
        return yesNo(answer);
    }

    Optional<Boolean> carryOnOrStartAgain(String answer) {
        if (answer.equals("1") || startsWithAny(answer, carryOn)) {
            return Optional.of(true);
        }
        if (answer.equals("2") || startsWithAny(answer, startAgain)) {
            return Optional.of(false);
        }
        return Optional.empty();
    }

    boolean isNone(String answer) {
        return none.contains(answer);
    }

    /** Asked for a person in so many words: handed over at once. A bare "help" is asked about first. */
    boolean asksForAPerson(String answer) {
        return person.contains(answer);
    }

    boolean asksForHelp(String answer) {
        return help.contains(answer);
    }

    boolean isFeeQuestion(String answer, String original) {
        return feeWords.matcher(answer).find()
                && ((original != null && (original.contains("?") || original.contains("\u061F")))
                        || questionStart.matcher(answer).find());
    }

    /** Last season's details an answer names in words ("the kit size"). */
    Set<LastSeason.Detail> namedDetails(String answer) {
        Set<LastSeason.Detail> named = EnumSet.noneOf(LastSeason.Detail.class);
        if (containsAny(answer, dateOfBirth)) {
            named.add(LastSeason.Detail.DATE_OF_BIRTH);
        }
        if (containsAny(answer, emergencyContact)) {
            named.add(LastSeason.Detail.EMERGENCY_CONTACT);
        }
        if (containsAny(answer, kitSize)) {
            named.add(LastSeason.Detail.KIT_SIZE);
        }
        return named;
    }

    /** Invisible direction marks and isolates the texts themselves put in (a tapped button carries them). */
    private static final String BIDI_MARKS = "[\u200E\u200F\u2066-\u2069]";

    /**
     * Lower case, single spaces, digits as 0-9, without trailing punctuation (Arabic and Urdu's too): "Yes!" and
     * "yes" are the same answer, and so are "١" and "1".
     */
    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        return asciiDigits(text).toLowerCase(Locale.UK).replaceAll(BIDI_MARKS, "").replaceAll("[.!?,\u061F\u060C\u06D4]+$", "")
                .replaceAll("\\s+", " ").trim();
    }

    /** Digits of any script (Arabic-Indic ٠١٢, Eastern ۰۱۲) as 0-9, so dates, phones and choices read alike. */
    static String asciiDigits(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            int digit = Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER ? Character.digit(c, 10) : -1;
            if (digit >= 0) {
                out.append((char) ('0' + digit));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private static boolean startsWithAny(String answer, List<String> words) {
        return words.stream().anyMatch(answer::startsWith);
    }

    private static boolean containsAny(String answer, List<String> words) {
        return words.stream().anyMatch(answer::contains);
    }

    private static String alternatives(List<String> words) {
        return words.stream().map(Pattern::quote).collect(Collectors.joining("|"));
    }
}
