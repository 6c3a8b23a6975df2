package uk.clubreg.infra;

import java.util.Optional;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Node;

/**
 * The deployment's choices, read from CDK context ({@code cdk.json} or {@code -c key=value}); each has a default so
 * {@code cdk synth} works on a fresh machine.
 *
 * @param configPrefix   SSM path prefix (CONFIG_SSM_PREFIX); the Secrets Manager names use it too, without the
 *                       leading slash: {@code /urmston} gives parameters {@code /urmston/...} and secrets
 *                       {@code urmston/...}
 * @param publicBaseUrl  the API's public URL when a custom domain fronts it; empty: the execute-api stage URL
 * @param logRetention   how long function, access and execution logs are kept
 * @param apiKeyGeneration raised by one to rotate the API key (docs/deploy.md, "Rotating the API key")
 */
public record StackSettings(
        String configPrefix,
        String clubName,
        String currentSeason,
        String defaultPhoneRegion,
        Optional<String> publicBaseUrl,
        RetentionDays logRetention,
        int apiKeyGeneration) {

    public static final String DEFAULT_CONFIG_PREFIX = "/urmston";

    public StackSettings {
        if (!configPrefix.matches("(/[A-Za-z0-9_.-]+)+")) {
            throw new IllegalArgumentException("configPrefix must look like /urmston (leading slash, none trailing): "
                    + configPrefix);
        }
    }

    public static StackSettings fromContext(Node node) {
        return new StackSettings(
                context(node, "configPrefix").orElse(DEFAULT_CONFIG_PREFIX),
                context(node, "clubName").orElse("Urmston Town Juniors FC"),
                context(node, "currentSeason").orElse("2026-27"),
                context(node, "defaultPhoneRegion").orElse("GB"),
                context(node, "publicBaseUrl").map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url),
                context(node, "logRetentionDays").map(StackSettings::retention).orElse(RetentionDays.ONE_MONTH),
                context(node, "apiKeyGeneration").map(Integer::parseInt).orElse(1));
    }

    /** Secrets Manager name for {@code suffix}, e.g. {@code urmston/twilio}. */
    public String secretName(String suffix) {
        String prefix = configPrefix.startsWith("/") ? configPrefix.substring(1) : configPrefix;
        return prefix + "/" + suffix;
    }

    /** SSM parameter name for a setting's path, e.g. {@code /urmston/twilio/whatsapp-from}. */
    public String parameterName(String ssmPath) {
        return configPrefix + ssmPath;
    }

    private static Optional<String> context(Node node, String key) {
        Object value = node.tryGetContext(key);
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString().trim());
    }

    private static RetentionDays retention(String days) {
        return switch (days) {
            case "7" -> RetentionDays.ONE_WEEK;
            case "14" -> RetentionDays.TWO_WEEKS;
            case "30" -> RetentionDays.ONE_MONTH;
            case "60" -> RetentionDays.TWO_MONTHS;
            case "90" -> RetentionDays.THREE_MONTHS;
            case "180" -> RetentionDays.SIX_MONTHS;
            case "365" -> RetentionDays.ONE_YEAR;
            default -> throw new IllegalArgumentException("logRetentionDays must be 7, 14, 30, 60, 90, 180 or 365: " + days);
        };
    }
}
