package uk.clubreg.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** What the preflight checks is what the synthesised stack needs. */
class PreflightContractTest {

    private static Template template;

    @BeforeAll
    static void synthesise() {
        template = SynthesisedStack.template(SynthesisedStack.build(Map.of("stage", "prod")));
    }

    @Test
    void theStackReservesTheConcurrencyThePreflightCounts() {
        int reserved = template.findResources("AWS::Lambda::Function").values().stream()
                .map(function -> ((Map<?, ?>) function.get("Properties")).get("ReservedConcurrentExecutions"))
                .mapToInt(value -> value == null ? 0 : ((Number) value).intValue()).sum();

        assertThat(reserved).isEqualTo(Preflight.RESERVED_BY_STACK);
    }

    @Test
    void theTemplateRefusesExactlyTheBootstrapVersionsThePreflightRefuses() {
        String rule = String.valueOf(template.toJSON().get("Rules"));

        assertThat(rule).contains("CheckBootstrapVersion",
                "CDK bootstrap stack version " + Preflight.MIN_BOOTSTRAP_VERSION + " required");
    }

    /** Every secret field a function reads, except the optional previous token and the two the stack generates. */
    @Test
    void thePreflightLooksForEverySecretFieldTheFunctionsRead() {
        Set<String> read = new TreeSet<>();
        TemplateQueries queries = new TemplateQueries(template);
        for (String function : List.of("ApiFunction", "WorkerFunction", "OutboxSweeperFunction", "DailyRunFunction",
                "MigrationFunction")) {
            queries.environmentOf(function).keySet().stream().filter(name -> name.endsWith("_SECRET_ARN"))
                    .map(name -> name.substring(0, name.length() - "_SECRET_ARN".length())).forEach(read::add);
        }
        List<String> checked = new ArrayList<>();
        ConfigStore.OPERATOR_SECRETS.forEach(secret -> checked.addAll(secret.keys()));

        read.removeAll(List.of("TWILIO_AUTH_TOKEN_PREVIOUS", "API_KEY", "DETAILS_ENCRYPTION_KEYS"));
        assertThat(checked).containsExactlyInAnyOrderElementsOf(read);
    }
}
