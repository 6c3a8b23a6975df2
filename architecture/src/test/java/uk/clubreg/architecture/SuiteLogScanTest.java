package uk.clubreg.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The logs of the whole suite hold no raw phone number, no test child's name and no message text
 * (docs/decisions/0004-json-logging-and-masking.md). This module is built after every module it tests, so the
 * JSON lines the other modules' tests wrote (their surefire and failsafe report outputs) are all there to read.
 */
class SuiteLogScanTest {

    private static final List<Path> MODULES = List.of(Path.of("../lambda/core"), Path.of("../lambda/api"),
            Path.of("../lambda/worker"), Path.of("../lambda/migrations"), Path.of("../local"));
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{9,14}");
    /** The first names the tests give children (and parents) in their fixtures. */
    private static final Pattern CHILD_NAMES = Pattern.compile("\\b(Seb|Mia|Ria|Ava|Leo|Noah|Sam|Alex)\\b");
    /** What the tests' parents write, and what the club writes to them outside the guided texts. */
    private static final List<String> MESSAGE_TEXTS = List.of("Yes please", "What's the fee?",
            "Hi, is this the football club?", "Please don't stop sending me updates", "Yes, happy to register",
            "You said:", "Reply START", "Welcome back!", "is taking longer than usual", "please ask your team manager");
    private static final Path GUIDED_TEXTS = Path.of("../lambda/core/src/main/resources/uk/clubreg/assistant/guided/"
            + "texts.properties");

    @Test
    void noLogLineOfTheSuiteHoldsAPhoneNumberAChildsNameOrMessageText() throws IOException {
        List<String> lines = suiteLogLines();

        assertThat(leaks(lines, messageTexts())).as("log lines that leak, of %d read", lines.size()).isEmpty();
    }

    @Test
    void theScanFindsEachKindOfLeak() throws IOException {
        assertThat(leaks(List.of(
                "{\"message\":\"Sent\",\"to\":\"+447700900123\"}",
                "{\"message\":\"Registered Seb\"}",
                "{\"message\":\"Reply\",\"reply\":\"You said: hello\"}",
                "{\"message\":\"Reply\",\"reply\":\"Sorry, I didn't catch that.\"}",
                "{\"message\":\"Sent\",\"phone\":\"+4477009****\",\"message_id\":7}"), messageTexts()))
                .hasSize(4);
    }

    private static List<String> leaks(List<String> lines, List<String> texts) {
        return lines.stream().filter(line -> E164.matcher(line).find() || CHILD_NAMES.matcher(line).find()
                || texts.stream().anyMatch(line::contains)).toList();
    }

    /** Every JSON line in the report outputs of the modules' tests. */
    private static List<String> suiteLogLines() throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path module : MODULES) {
            for (String reports : List.of("target/surefire-reports", "target/failsafe-reports")) {
                Path directory = module.resolve(reports);
                if (!Files.isDirectory(directory)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(directory)) {
                    files.filter(file -> file.getFileName().toString().endsWith("-output.txt")).forEach(file -> {
                        try (Stream<String> content = Files.lines(file, StandardCharsets.UTF_8)) {
                            content.filter(line -> line.startsWith("{")).forEach(lines::add);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
            }
        }
        return lines;
    }

    /** {@link #MESSAGE_TEXTS} and the guided texts' fixed parts of 15 characters or more (placeholders split them). */
    private static List<String> messageTexts() throws IOException {
        Properties texts = new Properties();
        try (Reader in = Files.newBufferedReader(GUIDED_TEXTS, StandardCharsets.UTF_8)) {
            texts.load(in);
        }
        List<String> fragments = new ArrayList<>(MESSAGE_TEXTS);
        for (String key : texts.stringPropertyNames()) {
            if (key.startsWith("words.")) {
                continue;
            }
            for (String fragment : texts.getProperty(key).split("\\{[a-z_]+\\}|\\n")) {
                if (fragment.strip().length() >= 15) {
                    fragments.add(fragment.strip());
                }
            }
        }
        return fragments;
    }
}
