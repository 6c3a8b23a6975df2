package uk.clubreg.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.services.logs.RetentionDays;

class StackSettingsTest {

    @Test
    void defaultsNeedNoContext() {
        StackSettings settings = StackSettings.fromContext(new App().getNode());

        assertThat(settings.configPrefix()).isEqualTo("/urmston");
        assertThat(settings.publicBaseUrl()).isEmpty();
        assertThat(settings.logRetention()).isEqualTo(RetentionDays.ONE_MONTH);
    }

    @Test
    void secretAndParameterNamesFollowTheConfigPrefix() {
        StackSettings settings = settingsFrom(Map.of("configPrefix", "/other-club"));

        assertThat(settings.secretName("twilio")).isEqualTo("other-club/twilio");
        assertThat(settings.parameterName("/openai/model")).isEqualTo("/other-club/openai/model");
    }

    @Test
    void publicBaseUrlFromContextLosesItsTrailingSlash() {
        assertThat(settingsFrom(Map.of("publicBaseUrl", "https://register.example.org/")).publicBaseUrl())
                .contains("https://register.example.org");
    }

    @Test
    void configPrefixWithoutLeadingSlashIsRejected() {
        assertThatThrownBy(() -> settingsFrom(Map.of("configPrefix", "urmston")))
                .hasMessageContaining("configPrefix");
    }

    @Test
    void unsupportedLogRetentionIsRejected() {
        assertThatThrownBy(() -> settingsFrom(Map.of("logRetentionDays", "31")))
                .hasMessageContaining("logRetentionDays");
    }

    @Test
    void missingLambdaPackageNamesTheBuildCommand() {
        assertThatThrownBy(() -> LambdaPackages.builtUnder(Path.of("/nonexistent")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("api-lambda.zip")
                .hasMessageContaining("./mvnw -q package -DskipTests");
    }

    private static StackSettings settingsFrom(Map<String, Object> context) {
        return StackSettings.fromContext(new App(AppProps.builder().context(context).build()).getNode());
    }
}
