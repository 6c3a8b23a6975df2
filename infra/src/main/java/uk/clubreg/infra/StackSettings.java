package uk.clubreg.infra;

import java.util.Arrays;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Node;

/**
 * The deployment's choices, read from CDK context ({@code cdk.json} or {@code -c key=value}).
 *
 * <p>A deployment is one club at one stage ({@code -c club=urmston -c stage=prod}): the stack's name and its
 * configuration prefix both derive from that pair and from nothing else, so no setting can point an existing stack
 * at another club's secrets (docs/decisions/0058-a-stack-per-club-and-stage.md). A value is looked up as
 * {@code -c key=value}, then under {@code clubs.<club>.<stage>} in cdk.json, then under {@code clubs.<club>}.
 *
 * @param club           the club's slug: lower-case letters, digits and hyphens
 * @param publicBaseUrl  the API's public URL when a custom domain fronts it; empty: the execute-api stage URL
 * @param logRetention   how long function, access and execution logs are kept
 * @param apiKeyGeneration raised by one to rotate the API key (docs/deploy.md, "Rotating the API key")
 * @param privacyNoticeUrl the club's privacy notice (PRIVACY_NOTICE_URL), linked in each conversation's first reply
 * @param consentWordingVersion CONSENT_WORDING_VERSION, recorded with every consent
 * @param languages      LANGUAGES: the codes parents may choose, the club's default first
 * @param playerPhotoRequired PLAYER_PHOTO_REQUIRED: the registration asks for each child's photo
 */
public record StackSettings(
        String club,
        Stage stage,
        String clubName,
        String currentSeason,
        String defaultPhoneRegion,
        Optional<String> publicBaseUrl,
        RetentionDays logRetention,
        int apiKeyGeneration,
        Optional<String> privacyNoticeUrl,
        String consentWordingVersion,
        List<String> languages,
        boolean playerPhotoRequired) {

    public static final String DEFAULT_CLUB = "urmston";
    public static final String PROJECT = "club-registration";
    private static final String STACK_NAME_PREFIX = "ClubRegistration";

    /** A stage of a club's deployment; only prod is protected from deletion. */
    public enum Stage {
        DEV(false), PROD(true);

        private final boolean terminationProtection;

        Stage(boolean terminationProtection) {
            this.terminationProtection = terminationProtection;
        }

        public String id() {
            return name().toLowerCase();
        }

        public boolean terminationProtection() {
            return terminationProtection;
        }

        public static Stage of(String id) {
            return Arrays.stream(values()).filter(stage -> stage.id().equals(id)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("Unknown stage '" + id + "': deploy with "
                            + "-c stage=dev or -c stage=prod (docs/deploy.md, section 6)"));
        }
    }

    public StackSettings {
        requireSlug(club);
        languages = List.copyOf(languages);
        languages.stream().filter(code -> !code.matches("[a-z]{2,3}")).findFirst().ifPresent(code -> {
            throw new IllegalArgumentException("languages must be ISO 639-1 codes such as en,pl,ur,ar,ro: " + code);
        });
    }

    /** Refuses a club that is not a slug of lower-case letters, digits and hyphens. */
    public static String requireSlug(String club) {
        if (!club.matches("[a-z0-9]+(-[a-z0-9]+)*") || club.length() > 40) {
            throw new IllegalArgumentException("club must be a slug of lower-case letters, digits and hyphens "
                    + "(at most 40 characters), e.g. -c club=urmston: " + club);
        }
        return club;
    }

    /** The configuration prefix of a club's stage, e.g. {@code /urmston/prod}. */
    public static String configPrefix(String club, Stage stage) {
        return "/" + requireSlug(club) + "/" + stage.id();
    }

    public static StackSettings fromContext(Node node) {
        if (node.tryGetContext("configPrefix") != null) {
            throw new IllegalArgumentException("configPrefix is no longer a setting: the prefix is /<club>/<stage>, "
                    + "from -c club=... and -c stage=... (docs/deploy.md, section 5)");
        }
        String club = text(node.tryGetContext("club")).orElse(DEFAULT_CLUB);
        Stage stage = Stage.of(text(node.tryGetContext("stage")).orElse(Stage.DEV.id()));
        Lookup lookup = new Lookup(node, club, stage);
        return new StackSettings(
                club,
                stage,
                lookup.value("clubName").orElseThrow(() -> new IllegalArgumentException("club '" + club
                        + "' has no clubName: add \"clubs\": {\"" + club + "\": {\"clubName\": \"...\"}} to cdk.json's "
                        + "context, or pass -c clubName=...")),
                lookup.value("currentSeason").orElse("2026-27"),
                lookup.value("defaultPhoneRegion").orElse("GB"),
                lookup.value("publicBaseUrl").map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url),
                lookup.value("logRetentionDays").map(StackSettings::retention).orElse(RetentionDays.ONE_MONTH),
                lookup.value("apiKeyGeneration").map(Integer::parseInt).orElse(1),
                lookup.value("privacyNoticeUrl"),
                lookup.value("consentWordingVersion").orElse("1"),
                Arrays.stream(lookup.value("languages").orElse("en,pl,ur,ar,ro").split(",")).map(String::trim)
                        .filter(code -> !code.isEmpty()).toList(),
                lookup.value("playerPhotoRequired").map(StackSettings::yesOrNo).orElse(false));
    }

    private static boolean yesOrNo(String value) {
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("playerPhotoRequired must be true or false: " + value);
        }
        return Boolean.parseBoolean(value);
    }

    /** The CloudFormation stack's name, e.g. {@code ClubRegistration-urmston-prod}. */
    public String stackName() {
        return stackName(club, stage);
    }

    public static String stackName(String club, Stage stage) {
        return STACK_NAME_PREFIX + "-" + requireSlug(club) + "-" + stage.id();
    }

    /** The club's languages other than its default: the ones a template may have a SID of its own for. */
    public List<String> otherLanguages() {
        return languages.subList(1, languages.size());
    }

    /** SSM path prefix (CONFIG_SSM_PREFIX), e.g. {@code /urmston/prod}. */
    public String configPrefix() {
        return configPrefix(club, stage);
    }

    /** Secrets Manager name for {@code suffix}, e.g. {@code urmston/prod/twilio}. */
    public String secretName(String suffix) {
        return configPrefix().substring(1) + "/" + suffix;
    }

    /** SSM parameter name for a setting's path, e.g. {@code /urmston/prod/twilio/whatsapp-from}. */
    public String parameterName(String ssmPath) {
        return configPrefix() + ssmPath;
    }

    /** The tags on the stack and on every resource in it. */
    public Map<String, String> tags() {
        return Map.of("project", PROJECT, "club", club, "stage", stage.id());
    }

    /** CloudWatch namespace of the metrics counted from this deployment's logs: one per stack, never shared. */
    public String metricNamespace() {
        return STACK_NAME_PREFIX + "/" + club + "/" + stage.id();
    }

    private record Lookup(Node node, String club, Stage stage) {
        Optional<String> value(String key) {
            Optional<String> given = text(node.tryGetContext(key));
            if (given.isPresent()) {
                return given;
            }
            Map<?, ?> clubEntry = map(map(node.tryGetContext("clubs")).get(club));
            Optional<String> forStage = text(map(clubEntry.get(stage.id())).get(key));
            return forStage.isPresent() ? forStage : text(clubEntry.get(key));
        }

        private static Map<?, ?> map(Object value) {
            return value instanceof Map<?, ?> map ? map : Map.of();
        }
    }

    private static Optional<String> text(Object value) {
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
