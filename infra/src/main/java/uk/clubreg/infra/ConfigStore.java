package uk.clubreg.infra;

import java.util.List;
import java.util.Locale;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * Where the functions read their secrets and parameters (see docs/decisions/0051-secrets-and-parameters-created-before-deploy.md).
 *
 * <p>Ops create the Twilio, OpenAI and database secrets and the SSM parameters before the first deploy (the
 * migration needs the database URL during that deploy, and no value belongs in the template). The stack only
 * references them by name and grants each function read access to exactly the ones it uses. The API key is the
 * exception: the stack generates it, and API Gateway's key takes the same value through a dynamic reference.
 */
public final class ConfigStore extends Construct {

    /** A secret plus the JSON key a setting reads from it ({@code NAME_SECRET_ARN} convention). */
    public record SecretSetting(String name, ISecret secret) {}

    /** An SSM parameter a setting reads at {@code CONFIG_SSM_PREFIX + path}. */
    public record ParameterSetting(String name, String path, String parameterArn) {}

    /** A parameter ops create under the prefix; a required one must exist before a deploy, the others may not. */
    public record Parameter(String name, String path, boolean required) {}

    /** A secret ops create under the prefix ({@code <club>/<stage>/<suffix>}) and the JSON keys it must hold. */
    public record OperatorSecret(String suffix, List<String> keys) {}

    static final OperatorSecret DATABASE = new OperatorSecret("database", List.of("DATABASE_URL", "DATABASE_DIRECT_URL"));
    static final OperatorSecret TWILIO = new OperatorSecret("twilio", List.of("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"));
    static final OperatorSecret OPENAI = new OperatorSecret("openai", List.of("OPENAI_API_KEY"));
    /** What ops create before the first deploy (docs/deploy.md, section 5); infra/preflight.sh checks them. */
    public static final List<OperatorSecret> OPERATOR_SECRETS = List.of(DATABASE, TWILIO, OPENAI);

    static final Parameter CLUB_ADMIN_TELS = new Parameter("CLUB_ADMIN_TELS", "/club/admin-tels", false);
    /** Every parameter the worker reads, in the order docs/deploy.md creates them. */
    public static final List<Parameter> WORKER_PARAMETERS = List.of(
            new Parameter("TWILIO_WHATSAPP_FROM", "/twilio/whatsapp-from", true),
            new Parameter("TWILIO_INVITE_CONTENT_SID", "/twilio/invite-content-sid", true),
            new Parameter("TWILIO_EXISTING_CONTENT_SID", "/twilio/existing-content-sid", true),
            // Optional templates: the worker reads them, and a missing parameter means "not configured".
            new Parameter("TWILIO_FOLLOW_UP_CONTENT_SID", "/twilio/follow-up-content-sid", false),
            new Parameter("TWILIO_QUICK_REPLY_CONTENT_SID", "/twilio/quick-reply-content-sid", false),
            new Parameter("TWILIO_REMINDER_CONTENT_SID", "/twilio/reminder-content-sid", false),
            new Parameter("TWILIO_MANAGER_NOTICE_CONTENT_SID", "/twilio/manager-notice-content-sid", false),
            new Parameter("TWILIO_LOGIN_CONTENT_SID", "/twilio/login-content-sid", false),
            // The club's choices, read when needed: who is told of hand-offs, and of completions or not.
            CLUB_ADMIN_TELS,
            new Parameter("NOTIFY_MANAGER_ON_COMPLETE", "/club/notify-manager-on-complete", false),
            new Parameter("OPENAI_MODEL", "/openai/model", true));

    private final ISecret twilio;
    private final ISecret openAi;
    private final ISecret database;
    private final Secret apiKey;
    private final Secret detailsKey;
    /**
     * Templates a club may have in each of its languages: the parameter's path with {@code -<lang>}, the setting's
     * name with {@code _<LANG>} (docs/decisions/0113-templates-in-the-parent-s-language.md). Optional, like them.
     */
    static final List<String> TEMPLATES_PER_LANGUAGE = List.of("TWILIO_EXISTING_CONTENT_SID",
            "TWILIO_FOLLOW_UP_CONTENT_SID", "TWILIO_REMINDER_CONTENT_SID");

    private final List<ParameterSetting> workerParameters;
    private final List<ParameterSetting> languageParameters;
    private final ParameterSetting clubAdminTels;

    public ConfigStore(Construct scope, String id, StackSettings settings) {
        super(scope, id);
        twilio = Secret.fromSecretNameV2(this, "Twilio", settings.secretName(TWILIO.suffix()));
        openAi = Secret.fromSecretNameV2(this, "OpenAi", settings.secretName(OPENAI.suffix()));
        database = Secret.fromSecretNameV2(this, "Database", settings.secretName(DATABASE.suffix()));
        // API Gateway keys: 20-128 characters; letters and digits paste safely into curl.
        apiKey = generated("ApiKey", "API_KEY", 40, RemovalPolicy.DESTROY,
                "x-api-key for POST /trigger and GET /registrations (API Gateway key and handler check)",
                "API Gateway keys cannot rotate on their own: rotating means a new secret value and a "
                        + "redeploy (docs/deploy.md, 'Rotating the API key'), so a rotation Lambda would break the key.");
        // The key that seals medical notes and emergency contacts (decision 0097). Kept when the stack is deleted:
        // without it the sealed rows cannot be read.
        detailsKey = generated("DetailsKey", "DETAILS_ENCRYPTION_KEYS", 64, RemovalPolicy.RETAIN,
                "DETAILS_ENCRYPTION_KEYS: seals medical notes and emergency contacts (AES-256-GCM)",
                "Rotation puts a new key first and keeps the old ones for the rows they sealed "
                        + "(docs/deploy.md, 'Rotating the details key'); a rotation Lambda would replace the value.");
        clubAdminTels = parameter(settings, CLUB_ADMIN_TELS);
        workerParameters = WORKER_PARAMETERS.stream().map(parameter -> parameter(settings, parameter)).toList();
        languageParameters = WORKER_PARAMETERS.stream().filter(p -> TEMPLATES_PER_LANGUAGE.contains(p.name()))
                .flatMap(template -> settings.otherLanguages().stream().map(language -> parameter(settings,
                        new Parameter(template.name() + "_" + language.toUpperCase(Locale.ROOT),
                                template.path() + "-" + language, false))))
                .toList();
    }

    /**
     * A secret the stack generates: letters and digits under {@code key}. No fixed name: a deleted secret's name stays
     * reserved for up to 30 days, which would block re-creating the stack after a failed first deploy; an output
     * finds it. Rotated by hand, never by a rotation Lambda ({@code whyNoRotationLambda}).
     */
    private Secret generated(String id, String key, int length, RemovalPolicy removal, String description,
                             String whyNoRotationLambda) {
        Secret secret = Secret.Builder.create(this, id)
                .description(description)
                .generateSecretString(SecretStringGenerator.builder()
                        .secretStringTemplate("{}")
                        .generateStringKey(key)
                        .passwordLength(length)
                        .excludePunctuation(true)
                        .build())
                .removalPolicy(removal)
                .build();
        NagSuppressions.addResourceSuppressions(secret, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-SMG4")
                .reason(whyNoRotationLambda)
                .build()));
        return secret;
    }

    public SecretSetting databaseUrl() {
        return new SecretSetting("DATABASE_URL", database);
    }

    public SecretSetting databaseDirectUrl() {
        return new SecretSetting("DATABASE_DIRECT_URL", database);
    }

    public SecretSetting apiKey() {
        return new SecretSetting("API_KEY", apiKey);
    }

    public List<SecretSetting> twilioCredentials() {
        return List.of(new SecretSetting("TWILIO_ACCOUNT_SID", twilio), new SecretSetting("TWILIO_AUTH_TOKEN", twilio),
                new SecretSetting("TWILIO_AUTH_TOKEN_PREVIOUS", twilio));
    }

    /** Read by every function that reads players: their sealed details open only with it. */
    public SecretSetting detailsKey() {
        return new SecretSetting("DETAILS_ENCRYPTION_KEYS", detailsKey);
    }

    public SecretSetting openAiApiKey() {
        return new SecretSetting("OPENAI_API_KEY", openAi);
    }

    public List<ParameterSetting> workerParameters() {
        return workerParameters;
    }

    /** The templates' SIDs in each of the club's languages but the first, read by the worker when set. */
    public List<ParameterSetting> languageParameters() {
        return languageParameters;
    }

    /** The club admins' phones: the worker tells them of hand-offs, the API lets them see every team. */
    public ParameterSetting clubAdminTels() {
        return clubAdminTels;
    }

    public String detailsKeySecretArn() {
        return detailsKey.getSecretArn();
    }

    public String apiKeySecretArn() {
        return apiKey.getSecretArn();
    }

    /** The generated API key, as a CloudFormation dynamic reference (resolved at deploy, never in the template). */
    public String apiKeyValue() {
        return apiKey.secretValueFromJson("API_KEY").unsafeUnwrap();
    }

    // Built as an ARN, not imported as a construct: an import adds an unused template parameter per name.
    private ParameterSetting parameter(StackSettings settings, Parameter parameter) {
        String arn = Stack.of(this).formatArn(ArnComponents.builder()
                .service("ssm")
                .resource("parameter")
                .resourceName(settings.parameterName(parameter.path()).substring(1))
                .arnFormat(ArnFormat.SLASH_RESOURCE_NAME)
                .build());
        return new ParameterSetting(parameter.name(), parameter.path(), arn);
    }
}
