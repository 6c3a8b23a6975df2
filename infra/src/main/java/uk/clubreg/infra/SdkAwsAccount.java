package uk.clubreg.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * {@link AwsAccount} through the AWS SDK: SSM, Secrets Manager, and Lambda's account settings as one signed GET (the
 * SDK's Lambda client is not on the package mirror the build uses).
 */
public final class SdkAwsAccount implements AwsAccount, AutoCloseable {

    private static final ClientOverrideConfiguration TIMEOUTS = ClientOverrideConfiguration.builder()
            .apiCallTimeout(Duration.ofSeconds(20)).build();

    private final SdkHttpClient http;
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final URI lambdaEndpoint;
    private final SsmClient ssm;
    private final SecretsManagerClient secrets;

    /** The account the AWS CLI would use: the default credentials and region (AWS_REGION, the profile). */
    public static SdkAwsAccount fromEnvironment() {
        Region region;
        try {
            region = new DefaultAwsRegionProviderChain().getRegion();
        } catch (SdkClientException e) {
            throw new Unreachable("no AWS region: set AWS_REGION", e);
        }
        return new SdkAwsAccount(region, DefaultCredentialsProvider.builder().build(), null);
    }

    /** @param endpoint every service's endpoint, for a local stand-in; null: AWS's own */
    SdkAwsAccount(Region region, AwsCredentialsProvider credentials, URI endpoint) {
        http = UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(20)).build();
        this.region = region;
        this.credentials = credentials;
        lambdaEndpoint = endpoint != null ? endpoint : URI.create("https://lambda." + region.id() + ".amazonaws.com");
        var ssmBuilder = SsmClient.builder().region(region).credentialsProvider(credentials).httpClient(http)
                .overrideConfiguration(TIMEOUTS);
        var secretsBuilder = SecretsManagerClient.builder().region(region).credentialsProvider(credentials)
                .httpClient(http).overrideConfiguration(TIMEOUTS);
        if (endpoint != null) {
            ssmBuilder.endpointOverride(endpoint);
            secretsBuilder.endpointOverride(endpoint);
        }
        ssm = ssmBuilder.build();
        secrets = secretsBuilder.build();
    }

    /** Lambda's GetAccountSettings: {@code GET /2016-08-19/account-settings/}, signed with SigV4. */
    @Override
    public Concurrency lambdaConcurrency() {
        JsonNode limit = reach(() -> {
            SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET)
                    .uri(lambdaEndpoint.resolve("/2016-08-19/account-settings/")).build();
            SignedRequest signed = AwsV4HttpSigner.create().sign(sign -> sign
                    .identity(credentials.resolveCredentials())
                    .request(request)
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "lambda")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region.id()));
            try {
                HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                        .request(signed.request()).build()).call();
                String body = response.responseBody().map(SdkAwsAccount::text).orElse("");
                if (response.httpResponse().statusCode() != 200) {
                    throw new Refused(response.httpResponse().firstMatchingHeader("x-amzn-ErrorType")
                            .orElse("Lambda GetAccountSettings") + " (HTTP " + response.httpResponse().statusCode() + ")",
                            null);
                }
                return new ObjectMapper().readTree(body).path("AccountLimit");
            } catch (IOException e) {
                throw SdkClientException.create("Lambda GetAccountSettings: " + e, e);
            }
        });
        return new Concurrency(limit.path("ConcurrentExecutions").asInt(),
                limit.path("UnreservedConcurrentExecutions").asInt());
    }

    private static String text(InputStream body) {
        try (body) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<String> parameter(String name) {
        return reach(() -> {
            try {
                return Optional.of(ssm.getParameter(request -> request.name(name)).parameter().value());
            } catch (ParameterNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public Optional<Map<String, String>> secretFields(String name) {
        return reach(() -> {
            try {
                return Optional.of(fields(secrets.getSecretValue(request -> request.secretId(name)).secretString()));
            } catch (ResourceNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    private static Map<String, String> fields(String value) {
        try {
            Map<String, Object> json = new ObjectMapper().readValue(value, new TypeReference<>() {});
            Map<String, String> fields = new HashMap<>();
            json.forEach((key, field) -> fields.put(key, field == null ? "" : field.toString()));
            return fields;
        } catch (JsonProcessingException | RuntimeException e) {
            return Map.of();
        }
    }

    /** A client-side failure (credentials, region, network) means AWS was never asked. */
    private static <T> T reach(Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            throw new Refused(e.awsErrorDetails().errorCode() + " (HTTP " + e.statusCode() + ")", e);
        } catch (SdkClientException e) {
            throw new Unreachable(firstClause(e), e);
        }
    }

    /** The SDK's own words up to the list of everything it tried, e.g. "Unable to load credentials ...". */
    private static String firstClause(SdkClientException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        int detail = message.indexOf(" AwsCredentialsProviderChain(");
        return detail > 0 ? message.substring(0, detail) : message;
    }

    @Override
    public void close() {
        ssm.close();
        secrets.close();
        http.close();
    }
}
