package uk.clubreg.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;

/** What the CDK CLI runs with: cdk.json's feature flags and package.json's Node version. */
class CdkCliSetupTest {

    private static final String FLAGS_FILE = "package/recommended-feature-flags.json";

    /** The list is the library's own recommended-feature-flags.json, read from the jsii package inside the jar. */
    @Test
    void cdkJsonSetsEveryRecommendedFlagOfThePinnedLibrary() throws IOException {
        Map<String, Object> recommended = recommendedFlags();

        assertThat(recommended).hasSizeGreaterThan(50);
        assertThat(SynthesisedStack.cdkJsonContext()).containsAllEntriesOf(recommended);
    }

    /** Node 20 is end-of-life for the CDK CLI; npm still installs on it, with a warning (engine-strict off). */
    @Test
    void packageJsonAsksForNode22OrNewerWithoutRefusingOlder() throws IOException {
        Map<String, Object> packageJson = new ObjectMapper().readValue(Path.of("../package.json").toFile(),
                new TypeReference<>() {});

        assertThat(packageJson).containsEntry("engines", Map.of("node", ">=22"));
        assertThat(Files.readAllLines(Path.of("../.npmrc"))).contains("engine-strict=false");
    }

    private static Map<String, Object> recommendedFlags() throws IOException {
        Properties pom = new Properties();
        try (InputStream in = App.class.getResourceAsStream(
                "/META-INF/maven/software.amazon.awscdk/aws-cdk-lib/pom.properties")) {
            pom.load(in);
        }
        String tarball = "/software/amazon/awscdk/aws-cdk-lib@" + pom.getProperty("version") + ".jsii.tgz";
        try (InputStream tar = new GZIPInputStream(App.class.getResourceAsStream(tarball), 1 << 16)) {
            byte[] header = new byte[512];
            while (tar.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = new String(header, 0, 100, StandardCharsets.US_ASCII).replace("\0", "");
                long size = Long.parseLong(new String(header, 124, 12, StandardCharsets.US_ASCII)
                        .replace("\0", "").trim(), 8);
                if (name.equals(FLAGS_FILE)) {
                    return new ObjectMapper().readValue(tar.readNBytes((int) size), new TypeReference<>() {});
                }
                tar.skipNBytes((size + 511) / 512 * 512);
            }
        }
        throw new AssertionError(FLAGS_FILE + " not found in " + tarball);
    }
}
