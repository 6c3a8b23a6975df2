package uk.clubreg.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stack and the code must agree on setting names. The infra module cannot depend on the Lambda code (the CDK
 * app must run on a machine that has only built the zips), so this reads the settings from Setting.java's source.
 */
class SettingsContractTest {

    private static final Path SETTING_SOURCE = Path.of("../lambda/core/src/main/java/uk/clubreg/config/Setting.java");
    private static final Pattern SETTING = Pattern.compile(
            "^\\s*([A-Z0-9_]+)\\(Source\\.(ENV|SECRET|PARAMETER),\\s*(?:\"([^\"]*)\"|null)", Pattern.MULTILINE);
    private static final String ENVIRONMENT_ONLY = "JAVA_TOOL_OPTIONS";

    private record Declared(String source, String ssmPath) {}

    private static final Map<String, Declared> settings = new HashMap<>();
    private static RegistrationStack stack;

    @BeforeAll
    static void readSettingsAndSynthesise() throws IOException {
        Matcher matcher = SETTING.matcher(Files.readString(SETTING_SOURCE));
        while (matcher.find()) {
            settings.put(matcher.group(1), new Declared(matcher.group(2), matcher.group(3)));
        }
        stack = SynthesisedStack.build(Map.of());
    }

    @Test
    void everySecretEnvironmentVariableNamesASecretSetting() {
        TemplateQueries queries = new TemplateQueries(SynthesisedStack.template(stack));
        for (String function : new String[] {"ApiFunction", "WorkerFunction", "OutboxSweeperFunction", "MigrationFunction"}) {
            for (String variable : queries.environmentOf(function).keySet()) {
                if (variable.endsWith("_SECRET_ARN")) {
                    String setting = variable.substring(0, variable.length() - "_SECRET_ARN".length());
                    assertThat(settings.get(setting)).as(variable).isEqualTo(new Declared("SECRET", null));
                } else if (!variable.equals(ENVIRONMENT_ONLY)) {
                    assertThat(settings.get(variable)).as(variable).isNotNull();
                    assertThat(settings.get(variable).source()).as(variable).isEqualTo("ENV");
                }
            }
        }
    }

    @Test
    void everyGrantedParameterIsAParameterSettingAtThatPath() {
        ConfigStore config = (ConfigStore) stack.getNode().findChild("Config");

        assertThat(config.workerParameters()).isNotEmpty().allSatisfy(parameter ->
                assertThat(settings.get(parameter.name())).as(parameter.name())
                        .isEqualTo(new Declared("PARAMETER", parameter.path())));
    }

    @Test
    void everyLanguageParameterIsATemplateSettingsVariantForALanguageOfTheClub() {
        ConfigStore config = (ConfigStore) stack.getNode().findChild("Config");

        assertThat(config.languageParameters()).hasSize(3 * 4).allSatisfy(parameter -> {
            String setting = parameter.name().substring(0, parameter.name().lastIndexOf('_'));
            String language = parameter.name().substring(parameter.name().lastIndexOf('_') + 1).toLowerCase();
            assertThat(language).isIn("pl", "ur", "ar", "ro");
            assertThat(settings.get(setting)).as(parameter.name()).isNotNull();
            assertThat(parameter.path()).isEqualTo(settings.get(setting).ssmPath() + "-" + language);
        });
    }

    @Test
    void everyParameterSettingTheCodeDeclaresIsGrantedToTheWorker() {
        ConfigStore config = (ConfigStore) stack.getNode().findChild("Config");
        List<String> declared = settings.entrySet().stream()
                .filter(entry -> entry.getValue().source().equals("PARAMETER")).map(Map.Entry::getKey).toList();

        assertThat(config.workerParameters()).extracting(ConfigStore.ParameterSetting::name)
                .containsExactlyInAnyOrderElementsOf(declared);
    }
}
