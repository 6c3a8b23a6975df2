package uk.clubreg.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/deploy.md's smoke test (section 8), the block marked {@code <!-- docs-check: smoke -->}, run as it is by bash
 * and curl against the local stack over HTTP: the calls the guide tells ops to make are ones the API accepts.
 * testing/docs-check.sh runs this test too.
 */
class DeployGuideSmokeIT {

    private static final Path GUIDE = Path.of("../docs/deploy.md");

    private static LocalStack stack;
    private static String smokeTest;

    @BeforeAll
    static void start() throws IOException {
        smokeTest = block(Files.readString(GUIDE), "smoke");
        stack = LocalStack.start(Map.of("PORT", "0", "DAILY_RUN_AT", "none",
                "LOCAL_DATA_DIR", Files.createTempDirectory("deploy-guide-smoke").toString()));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void theGuidesSmokeTestPassesAgainstTheLocalStack() throws Exception {
        Run run = bash(smokeTest, stack.apiKey());

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output().lines().toList()).hasSize(4).allSatisfy(line -> assertThat(line).startsWith("ok   "));
    }

    @Test
    void theSmokeTestFailsWhenACallIsRefused() throws Exception {
        Run run = bash(smokeTest, "not-the-key");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.output().lines().toList()).containsExactly(
                "ok   401 registrations without the key: refused (API Gateway answers 403)",
                "FAIL 401 registrations with the key (expected 200)");
    }

    private record Run(int exitCode, String output) {}

    private static Run bash(String script, String apiKey) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", "-c", script)).redirectErrorStream(true);
        builder.environment().put("API_URL", stack.baseUrl());
        builder.environment().put("API_KEY", apiKey);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    /** The fenced block after {@code <!-- docs-check: name -->}, as testing/docs-check.sh extracts it. */
    static String block(String guide, String name) {
        int marker = guide.indexOf("<!-- docs-check: " + name + " -->");
        assertThat(marker).as("docs-check marker " + name).isNotNegative();
        int start = guide.indexOf('\n', guide.indexOf("```", marker)) + 1;
        return guide.substring(start, guide.indexOf("\n```", start) + 1);
    }
}
