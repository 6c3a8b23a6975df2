package uk.clubreg.infra;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** The preflight's AWS calls, made by the real SDK against WireMock standing in for Lambda, SSM and Secrets Manager. */
class PreflightIT {

    private static final String JSON_11 = "application/x-amz-json-1.1";
    private static final String SID = "HX" + "0123456789abcdef".repeat(2);

    private final WireMockServer aws = new WireMockServer(options().dynamicPort());
    private SdkAwsAccount account;

    @BeforeEach
    void start() {
        aws.start();
        account = new SdkAwsAccount(Region.EU_WEST_2, StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDEXAMPLE", "secret")), URI.create(aws.baseUrl()));
    }

    @AfterEach
    void stop() {
        account.close();
        aws.stop();
    }

    @Test
    void lambdaAccountSettingsAreReadWithASignedGet() {
        aws.stubFor(get(urlEqualTo("/2016-08-19/account-settings/")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"AccountLimit\": {\"ConcurrentExecutions\": 10, \"UnreservedConcurrentExecutions\": 10,"
                        + " \"CodeSizeUnzipped\": 262144000}, \"AccountUsage\": {\"FunctionCount\": 0}}")));

        assertThat(account.lambdaConcurrency()).isEqualTo(new AwsAccount.Concurrency(10, 10));
        aws.verify(getRequestedFor(urlEqualTo("/2016-08-19/account-settings/")).withHeader("Authorization",
                containing("Credential=AKIDEXAMPLE/").and(containing("/eu-west-2/lambda/aws4_request"))));
    }

    @Test
    void aDeniedLambdaCallIsARefusalNotAStop() {
        aws.stubFor(get(urlEqualTo("/2016-08-19/account-settings/")).willReturn(aResponse().withStatus(403)
                .withHeader("x-amzn-ErrorType", "AccessDeniedException").withBody("{}")));

        assertThatThrownBy(account::lambdaConcurrency).isInstanceOf(AwsAccount.Refused.class)
                .hasMessage("AccessDeniedException (HTTP 403)");
    }

    @Test
    void parametersAndSecretsAreFoundOrReportedMissing() {
        parameter("/urmston/prod/openai/model", "gpt-4.1-mini");
        aws.stubFor(post("/").withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
                .withRequestBody(matchingJsonPath("$.Name", equalTo("/urmston/prod/club/admin-tels"))).willReturn(
                        aResponse().withStatus(400).withHeader("Content-Type", JSON_11)
                                .withBody("{\"__type\": \"ParameterNotFound\", \"message\": \"\"}")));
        secret("urmston/prod/openai", Map.of("OPENAI_API_KEY", "sk-test"));
        aws.stubFor(post("/").withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(matchingJsonPath("$.SecretId", equalTo("urmston/prod/twilio"))).willReturn(
                        aResponse().withStatus(400).withHeader("Content-Type", JSON_11).withBody(
                                "{\"__type\": \"ResourceNotFoundException\", \"Message\": \"not found\"}")));

        assertThat(account.parameter("/urmston/prod/openai/model")).contains("gpt-4.1-mini");
        assertThat(account.parameter("/urmston/prod/club/admin-tels")).isEmpty();
        assertThat(account.secretFields("urmston/prod/openai")).contains(Map.of("OPENAI_API_KEY", "sk-test"));
        assertThat(account.secretFields("urmston/prod/twilio")).isEmpty();
    }

    @Test
    void aReadyAccountPassesTheWholePreflight() {
        aws.stubFor(get(urlEqualTo("/2016-08-19/account-settings/")).willReturn(aResponse().withStatus(200)
                .withBody("{\"AccountLimit\": {\"ConcurrentExecutions\": 1000, \"UnreservedConcurrentExecutions\": 1000}}")));
        aws.stubFor(post("/").withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter")).atPriority(10)
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", JSON_11)
                        .withBody("{\"__type\": \"ParameterNotFound\"}")));
        parameter("/cdk-bootstrap/hnb659fds/version", "30");
        parameter("/urmston/prod/twilio/whatsapp-from", "whatsapp:+447700900123");
        parameter("/urmston/prod/twilio/invite-content-sid", SID);
        parameter("/urmston/prod/twilio/existing-content-sid", SID);
        parameter("/urmston/prod/openai/model", "gpt-4.1-mini");
        secret("urmston/prod/database", Map.of("DATABASE_URL", "postgresql://u:p@h-pooler/db?sslmode=verify-full",
                "DATABASE_DIRECT_URL", "postgresql://u:p@h/db?sslmode=verify-full"));
        secret("urmston/prod/twilio", Map.of("TWILIO_ACCOUNT_SID", "AC" + "0123456789abcdef".repeat(2),
                "TWILIO_AUTH_TOKEN", "token"));
        secret("urmston/prod/openai", Map.of("OPENAI_API_KEY", "sk-test"));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int status = new Preflight(account, new PrintStream(printed, true, StandardCharsets.UTF_8))
                .check(Preflight.Target.parse(new String[] {"--stage", "prod"}));

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("Ready to deploy.");
        assertThat(status).isZero();
    }

    private void parameter(String name, String value) {
        aws.stubFor(post("/").withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter")).atPriority(1)
                .withRequestBody(matchingJsonPath("$.Name", equalTo(name))).willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", JSON_11).withBody("{\"Parameter\": {\"Name\": \"" + name
                                + "\", \"Type\": \"String\", \"Value\": \"" + value + "\", \"Version\": 1}}")));
    }

    private void secret(String name, Map<String, String> fields) {
        try {
            String value = new ObjectMapper().writeValueAsString(fields);
            aws.stubFor(post("/").withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                    .withRequestBody(matchingJsonPath("$.SecretId", equalTo(name))).willReturn(aResponse()
                            .withStatus(200).withHeader("Content-Type", JSON_11).withBody(new ObjectMapper()
                                    .writeValueAsString(Map.of("Name", name, "SecretString", value)))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
