package uk.clubreg.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ConfigurationDocumentationTest {

    @Test
    void everySettingIsDocumentedInConfigurationMd() throws IOException {
        // Surefire runs in the module directory: lambda/core.
        String documentation = Files.readString(Path.of("../../docs/configuration.md"));

        assertThat(Arrays.stream(Setting.values()).map(Enum::name))
                .allSatisfy(name -> assertThat(documentation).contains("`" + name + "`"));
    }
}
