package uk.clubreg.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.constructs.IConstruct;

/**
 * The alarms the code raises (uk.clubreg.logging.Alarm, read from its source: infra cannot depend on the Lambda
 * code) are counted and alarmed on in the stack, and every alarm in the stack has an entry in docs/runbook.md.
 */
class AlarmsContractTest {

    private static final Path ALARM_SOURCE = Path.of("../lambda/core/src/main/java/uk/clubreg/logging/Alarm.java");
    private static final Path RUNBOOK = Path.of("../docs/runbook.md");
    private static final Pattern RAISED = Pattern.compile("^\\s*[A-Z_]+\\(\"([A-Za-z]+)\"\\)[,;]", Pattern.MULTILINE);
    /** The default deployment's own namespace (the club urmston, stage dev). */
    private static final String NAMESPACE = "ClubRegistration/urmston/dev";

    private static RegistrationStack stack;
    private static Template template;

    @BeforeAll
    static void synthesise() {
        stack = SynthesisedStack.build(Map.of());
        template = SynthesisedStack.template(stack);
    }

    @Test
    void theStackCountsExactlyTheAlarmsTheCodeRaises() throws IOException {
        List<String> raised = new ArrayList<>();
        Matcher matcher = RAISED.matcher(Files.readString(ALARM_SOURCE));
        while (matcher.find()) {
            raised.add(matcher.group(1));
        }

        assertThat(raised).isNotEmpty();
        assertThat(Alarms.LOGGED).extracting(Alarms.Logged::name).containsExactlyInAnyOrderElementsOf(raised);
    }

    @Test
    void eachRaisedAlarmIsCountedFromTheLogsOfEveryFunctionRunningTheSystemAndAlarmedOn() {
        for (Alarms.Logged logged : Alarms.LOGGED) {
            template.resourcePropertiesCountIs("AWS::Logs::MetricFilter", Map.of(
                    "FilterPattern", "{ $.alarm = \"" + logged.name() + "\" }",
                    "MetricTransformations", List.of(Map.of("MetricNamespace", NAMESPACE,
                            "MetricName", logged.name(), "MetricValue", "1"))), 4);
            assertThat(template.findResources("AWS::CloudWatch::Alarm").values()).map(String::valueOf)
                    .filteredOn(alarm -> alarm.contains("Namespace=" + NAMESPACE)
                            && alarm.contains("MetricName=" + logged.name() + ",")
                            && alarm.contains("Threshold=" + logged.threshold() + ","))
                    .as(logged.name()).hasSize(1);
        }
    }

    @ParameterizedTest(name = "{0} also counts the errors of {1}")
    @CsvSource({"DailyRunErrors, DailyRunFunction", "OutboxSweepErrors, OutboxSweeperFunction"})
    void anAlarmOfAFunctionsStepsAlsoCountsThatFunctionsOwnErrors(String alarm, String functionId) {
        String function = new TemplateQueries(template).logicalId("AWS::Lambda::Function", functionId);

        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "AlarmDescription", Match.stringLikeRegexp(".*" + alarm + ".*"),
                "Metrics", Match.arrayWith(List.of(Match.objectLike(Map.of("Expression",
                        "FILL(logged, 0) + FILL(failed, 0)")), Match.objectLike(Map.of("MetricStat",
                        Match.objectLike(Map.of("Metric", Map.of("Namespace", "AWS/Lambda", "MetricName", "Errors",
                                "Dimensions", List.of(Map.of("Name", "FunctionName",
                                        "Value", Map.of("Ref", function))))))))))));
    }

    @Test
    void everyAlarmInTheStackHasARunbookEntry() throws IOException {
        String runbook = Files.readString(RUNBOOK);
        List<String> alarms = stack.getNode().findChild("Alarms").getNode().getChildren().stream()
                .filter(child -> child instanceof Alarm)
                .map(child -> ((IConstruct) child).getNode().getId())
                .toList();

        assertThat(alarms).hasSize(6 + Alarms.LOGGED.size());
        assertThat(alarms).allSatisfy(id -> assertThat(runbook).contains("\n## " + id + "\n"));
    }
}
