package uk.clubreg.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

/** infra/preflight.sh's checks against an account held in memory, and its stop when AWS cannot be reached. */
class PreflightTest {

    private static final String SID = "HX" + "0123456789abcdef".repeat(2);

    /** An account ready for urmston's prod stage. */
    private static final class ReadyAccount implements AwsAccount {
        Concurrency concurrency = new Concurrency(1000, 1000);
        final Map<String, String> parameters = new HashMap<>(Map.of(
                "/cdk-bootstrap/hnb659fds/version", "30",
                "/urmston/prod/twilio/whatsapp-from", "whatsapp:+447700900123",
                "/urmston/prod/twilio/invite-content-sid", SID,
                "/urmston/prod/twilio/existing-content-sid", SID,
                "/urmston/prod/openai/model", "gpt-4.1-mini"));
        final Map<String, Map<String, String>> secrets = new HashMap<>(Map.of(
                "urmston/prod/database", Map.of(
                        "DATABASE_URL", "postgresql://u:p@ep-x-pooler.example/db?sslmode=verify-full",
                        "DATABASE_DIRECT_URL", "postgresql://u:p@ep-x.example/db?sslmode=verify-full"),
                "urmston/prod/twilio", Map.of("TWILIO_ACCOUNT_SID", "AC" + "0123456789abcdef".repeat(2),
                        "TWILIO_AUTH_TOKEN", "token"),
                "urmston/prod/openai", Map.of("OPENAI_API_KEY", "sk-test")));
        RuntimeException refusal;

        @Override
        public Concurrency lambdaConcurrency() {
            return concurrency;
        }

        @Override
        public Optional<String> parameter(String name) {
            return Optional.ofNullable(parameters.get(name));
        }

        @Override
        public Optional<Map<String, String>> secretFields(String name) {
            if (refusal != null) {
                throw refusal;
            }
            return Optional.ofNullable(secrets.get(name));
        }
    }

    private final ReadyAccount account = new ReadyAccount();
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    private int check(String... args) {
        return new Preflight(account, new PrintStream(printed, true, StandardCharsets.UTF_8))
                .check(Preflight.Target.parse(args));
    }

    private List<String> lines(String start) {
        return printed.toString(StandardCharsets.UTF_8).lines().filter(line -> line.startsWith(start)).toList();
    }

    @Test
    void aReadyAccountPassesWithTheOptionalParametersNamed() {
        assertThat(check("--stage", "prod")).isZero();
        assertThat(lines("FAIL")).isEmpty();
        assertThat(lines("info")).hasSize(7).allSatisfy(line -> assertThat(line).endsWith("not set (optional)"));
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("ClubRegistration-urmston-prod", "Ready to deploy.")
                .doesNotContain("token", "sk-test", "u:p@");
    }

    @Test
    void aNewAccountsConcurrencyOfTenFails() {
        account.concurrency = new AwsAccount.Concurrency(10, 10);

        assertThat(check("--stage", "prod")).isEqualTo(1);
        assertThat(lines("FAIL")).singleElement().asString()
                .contains("10 unreserved of 10, needs 15", "L-B99A9384");
    }

    @Test
    void anUnbootstrappedOrOldBootstrapFails() {
        account.parameters.remove("/cdk-bootstrap/hnb659fds/version");
        assertThat(check("--stage", "prod")).isEqualTo(1);
        assertThat(lines("FAIL")).singleElement().asString().contains("CDK bootstrap: not found", "cdk bootstrap");

        account.parameters.put("/cdk-bootstrap/hnb659fds/version", "5");
        printed.reset();
        assertThat(check("--stage", "prod")).isEqualTo(1);
        assertThat(lines("FAIL")).singleElement().asString().contains("version 5, needs 6");
    }

    @Test
    void secretsAndParametersAreLookedForUnderTheStagesOwnPrefix() {
        assertThat(check("--stage", "dev")).isEqualTo(1);

        assertThat(lines("FAIL")).hasSize(7).allSatisfy(line -> assertThat(line).contains("/dev/"));
    }

    @Test
    void aMissingSecretOrFieldFailsAndAnUnverifiedDatabaseUrlWarns() {
        account.secrets.remove("urmston/prod/openai");
        account.secrets.put("urmston/prod/twilio", Map.of("TWILIO_ACCOUNT_SID", "AC" + "0".repeat(32)));
        account.secrets.put("urmston/prod/database", Map.of("DATABASE_URL", "postgresql://h/db?sslmode=require",
                "DATABASE_DIRECT_URL", "postgresql://h/db?sslmode=verify-full"));

        assertThat(check("--stage", "prod")).isEqualTo(1);
        assertThat(lines("FAIL")).containsExactly("FAIL secret urmston/prod/twilio: no TWILIO_AUTH_TOKEN "
                + "(a JSON object with TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN)",
                "FAIL secret urmston/prod/openai: not found (docs/deploy.md, section 5)");
        assertThat(lines("warn")).singleElement().asString().contains("DATABASE_URL without sslmode=verify-full");
    }

    @Test
    void aTemplateSidLeftAtTheGuidesPlaceholderFails() {
        account.parameters.put("/urmston/prod/twilio/invite-content-sid", "HX" + "x".repeat(32));
        account.parameters.put("/urmston/prod/twilio/reminder-content-sid", "HX" + "x".repeat(32));

        assertThat(check("--stage", "prod")).isEqualTo(1);
        assertThat(lines("FAIL")).hasSize(2).allSatisfy(line -> assertThat(line).contains("not a Twilio template SID"));
    }

    @Test
    void aRefusedReadFailsThatCheckAndTheOthersStillRun() {
        account.refusal = new AwsAccount.Refused("AccessDeniedException (HTTP 400)", null);

        assertThat(check("--stage", "prod")).isEqualTo(1);
        assertThat(lines("FAIL")).hasSize(3).allSatisfy(line -> assertThat(line).contains("AccessDeniedException"));
        assertThat(lines("ok   parameter")).hasSize(4);
    }

    @Test
    void anUnknownStageOrArgumentIsRefused() {
        assertThatThrownBy(() -> Preflight.Target.parse(new String[] {"--stage", "staging"}))
                .hasMessageContaining("Unknown stage 'staging'");
        assertThatThrownBy(() -> Preflight.Target.parse(new String[] {"prod"})).hasMessageContaining("usage");
    }

    /** Offline: nothing listens, as when there is no network; the SDK's client fails, and the preflight stops. */
    @Test
    void withoutTheNetworkItStopsWithAClearMessage() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (SdkAwsAccount offline = new SdkAwsAccount(Region.EU_WEST_2, StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), URI.create("http://127.0.0.1:" + closedPort))) {
            AwsAccount.Unreachable stop = catchThrowableOfType(
                    AwsAccount.Unreachable.class, () -> new Preflight(offline, new PrintStream(printed))
                            .check(Preflight.Target.parse(new String[0])));

            assertThat(Preflight.unreachable(stop)).startsWith("preflight: stopped, AWS cannot be reached (")
                    .contains("aws sts get-caller-identity");
        }
    }

    /** Without credentials the SDK fails before sending anything; the preflight stops the same way. */
    @Test
    void withoutCredentialsItStopsWithAClearMessage() {
        AwsCredentialsProvider none = () -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
        };
        try (SdkAwsAccount signedOut = new SdkAwsAccount(Region.EU_WEST_2, none, URI.create("http://127.0.0.1:9"))) {
            assertThatThrownBy(signedOut::lambdaConcurrency).isInstanceOf(AwsAccount.Unreachable.class)
                    .hasMessageContaining("Unable to load credentials");
        }
    }
}
