package uk.clubreg.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.services.logs.RetentionDays;

class StackSettingsTest {

    @Test
    void cdkJsonAloneGivesTheCurrentClubsDevStage() {
        StackSettings settings = settingsFrom(Map.of());

        assertThat(settings.stackName()).isEqualTo("ClubRegistration-urmston-dev");
        assertThat(settings.configPrefix()).isEqualTo("/urmston/dev");
        assertThat(settings.clubName()).isEqualTo("Urmston Town Juniors FC");
        assertThat(settings.publicBaseUrl()).isEmpty();
        assertThat(settings.logRetention()).isEqualTo(RetentionDays.ONE_MONTH);
        assertThat(settings.apiKeyGeneration()).isEqualTo(1);
    }

    @Test
    void stackNameAndPrefixDeriveFromClubAndStage() {
        StackSettings settings = settingsFrom(Map.of("club", "other-club", "stage", "prod", "clubName", "Other FC"));

        assertThat(settings.stackName()).isEqualTo("ClubRegistration-other-club-prod");
        assertThat(settings.secretName("twilio")).isEqualTo("other-club/prod/twilio");
        assertThat(settings.parameterName("/openai/model")).isEqualTo("/other-club/prod/openai/model");
        assertThat(settings.metricNamespace()).isEqualTo("ClubRegistration/other-club/prod");
        assertThat(settings.tags()).isEqualTo(Map.of("project", "club-registration", "club", "other-club",
                "stage", "prod"));
    }

    @Test
    void anUnknownStageStopsTheSynthNamingTheStages() {
        assertThatThrownBy(() -> settingsFrom(Map.of("stage", "production")))
                .hasMessageContaining("Unknown stage 'production'")
                .hasMessageContaining("-c stage=dev or -c stage=prod");
    }

    @Test
    void theOldConfigPrefixSettingIsRefusedRatherThanIgnored() {
        assertThatThrownBy(() -> settingsFrom(Map.of("configPrefix", "/other-club")))
                .hasMessageContaining("configPrefix is no longer a setting");
    }

    @Test
    void aClubWithoutAnEntryInCdkJsonNeedsItsName() {
        assertThatThrownBy(() -> settingsFrom(Map.of("club", "other-club")))
                .hasMessageContaining("club 'other-club' has no clubName");
    }

    @Test
    void aClubSlugMustBeLowerCaseLettersDigitsAndHyphens() {
        assertThatThrownBy(() -> settingsFrom(Map.of("club", "Urmston Town", "clubName", "x")))
                .hasMessageContaining("club must be a slug");
    }

    @Test
    void aStagesOwnValueInCdkJsonWinsOverTheClubsAndTheCommandLineOverBoth() {
        Map<String, Object> clubs = Map.of("urmston", Map.of("clubName", "Urmston Town Juniors FC",
                "apiKeyGeneration", "2", "prod", Map.of("apiKeyGeneration", "3")));

        assertThat(settingsFrom(Map.of("clubs", clubs, "stage", "dev")).apiKeyGeneration()).isEqualTo(2);
        assertThat(settingsFrom(Map.of("clubs", clubs, "stage", "prod")).apiKeyGeneration()).isEqualTo(3);
        assertThat(settingsFrom(Map.of("clubs", clubs, "stage", "prod", "apiKeyGeneration", "4")).apiKeyGeneration())
                .isEqualTo(4);
    }

    @Test
    void publicBaseUrlFromContextLosesItsTrailingSlash() {
        assertThat(settingsFrom(Map.of("publicBaseUrl", "https://register.example.org/")).publicBaseUrl())
                .contains("https://register.example.org");
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

    /** cdk.json's context with {@code context} over it, as {@code cdk synth -c ...} sees it. */
    private static StackSettings settingsFrom(Map<String, Object> context) {
        Map<String, Object> merged = new HashMap<>(SynthesisedStack.cdkJsonContext());
        merged.putAll(context);
        return StackSettings.fromContext(new App(AppProps.builder().context(merged).build()).getNode());
    }
}
