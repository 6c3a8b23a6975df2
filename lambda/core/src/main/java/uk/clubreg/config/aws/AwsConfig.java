package uk.clubreg.config.aws;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import uk.clubreg.config.Config;
import uk.clubreg.json.Json;

/**
 * {@link Config} backed by Secrets Manager and SSM. Clients are created on first use, so a Lambda that needs no
 * remote value makes no AWS call and pays no client start-up.
 */
public final class AwsConfig {

    private AwsConfig() {}

    public static Config fromEnvironment(Map<String, String> environment) {
        return new Config(environment, new SecretsManagerSource(), new SsmParameterSource(), Clock.systemUTC());
    }

    /** In Lambda (AWS_LAMBDA_FUNCTION_NAME is set) the AWS-backed config; anywhere else the environment only. */
    public static Config forRuntime(Map<String, String> environment) {
        return environment.containsKey("AWS_LAMBDA_FUNCTION_NAME")
                ? fromEnvironment(environment)
                : Config.fromEnvironment(environment);
    }

    /** Reads {@code arn#NAME}: the secret's value, or its JSON field NAME when the secret is a JSON object. */
    static final class SecretsManagerSource implements Config.RemoteSource {
        private SecretsManagerClient client;

        @Override
        public synchronized String read(String arnAndKey) {
            int hash = arnAndKey.lastIndexOf('#');
            String arn = arnAndKey.substring(0, hash);
            String key = arnAndKey.substring(hash + 1);
            if (client == null) {
                client = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
            }
            String secret = client.getSecretValue(r -> r.secretId(arn)).secretString();
            return valueFor(secret, key);
        }

        static String valueFor(String secret, String key) {
            if (secret == null || !secret.trim().startsWith("{")) {
                return secret;
            }
            JsonNode field = Json.read(secret).get(key);
            return field == null || field.isNull() ? null : field.asText();
        }
    }

    static final class SsmParameterSource implements Config.RemoteSource {
        private SsmClient client;

        @Override
        public synchronized String read(String name) {
            if (client == null) {
                client = SsmClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
            }
            try {
                return client.getParameter(r -> r.name(name).withDecryption(true)).parameter().value();
            } catch (software.amazon.awssdk.services.ssm.model.ParameterNotFoundException e) {
                return null;
            }
        }
    }
}
