package uk.clubreg.assistant.guided;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import uk.clubreg.players.LastSeason;

/**
 * What a parent's typed answer means, from the {@code words.} lists of the texts: yes or no, a request for a person,
 * a question about fees. A button's number ("1", "2") answers as the button does.
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

    Answers(GuidedTexts texts) {
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
    }

    Optional<Boolean> yesNo(String answer) {
        if (answer.equals("1")) {
            return Optional.of(true);
        }
        if (answer.equals("2")) {
            return Optional.of(false);
        }
        if (yes.stream().anyMatch(word -> answer.equals(word) || answer.startsWith(word + " "))) {
            return Optional.of(true);
        }
        if (no.stream().anyMatch(word -> answer.equals(word) || answer.startsWith(word + " "))) {
            return Optional.of(false);
        }
        return Optional.empty();
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
                && ((original != null && original.contains("?")) || questionStart.matcher(answer).find());
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

    /** Lower case, single spaces, without trailing punctuation: "Yes!" and "yes" are the same answer. */
    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        return text.toLowerCase(Locale.UK).replaceAll("[.!?,]+$", "").replaceAll("\\s+", " ").trim();
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
