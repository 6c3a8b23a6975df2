package uk.clubreg.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The invitation benchmark's cold path runs with the JVM options the functions get in AWS. */
class ColdPathOptionsTest {

    private static final Path BENCHMARK =
            Path.of("../local/src/main/java/uk/clubreg/local/benchmark/InvitationBenchmark.java");

    @Test
    void theBenchmarkGivesTheColdRunsTheFunctionsJavaToolOptions() throws IOException {
        assertThat(Files.readString(BENCHMARK))
                .contains("LAMBDA_JAVA_TOOL_OPTIONS = \"" + JavaFunction.JAVA_TOOL_OPTIONS + "\";");
    }
}
