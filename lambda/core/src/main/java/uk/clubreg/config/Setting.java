package uk.clubreg.config;

/**
 * Every setting the system reads. docs/configuration.md documents the same list, and a test keeps the two equal.
 *
 * <p>A setting is read from the environment variable of its name. In AWS, a {@link Source#SECRET} may instead be
 * read from Secrets Manager when {@code NAME_SECRET_ARN} is set, and a {@link Source#PARAMETER} from SSM at
 * {@code CONFIG_SSM_PREFIX + ssmPath} when the prefix is set.
 */
public enum Setting {
    // Manager API and storage
    API_KEY(Source.SECRET, null, null, "Key team managers send in x-api-key. Locally a development default is printed."),
    DATABASE_URL(Source.SECRET, null, null, "PostgreSQL URL (postgresql:// or jdbc:postgresql://). Neon: the pooler host."),
    DATABASE_DIRECT_URL(Source.SECRET, null, null, "Neon direct (non-pooler) URL, used only by migrations."),
    DB_POOL_SIZE(Source.ENV, null, "2", "Maximum JDBC connections per Lambda instance (1-2 suits Neon's pooler)."),
    QUEUE_URL(Source.ENV, null, null, "SQS FIFO work queue URL. Unset: jobs are processed inline."),
    SQS_ENDPOINT(Source.ENV, null, null, "SQS endpoint override (ElasticMQ locally and in tests)."),
    PORT(Source.ENV, null, "8080", "Local stack HTTP port."),
    PUBLIC_BASE_URL(Source.ENV, null, "http://localhost:8080", "Exact public base URL; Twilio signatures are checked against it."),
    DEFAULT_PHONE_REGION(Source.ENV, null, "GB", "Region for phone numbers written without a country code."),
    CLUB_NAME(Source.ENV, null, "Urmston Town Juniors FC", "The club's name, used in messages and as the default club."),
    DEFAULT_TEAM_NAME(Source.ENV, null, "Unassigned", "Team used when an invitation names none."),
    CURRENT_SEASON(Source.ENV, null, "2026-27", "Season used when an invitation names none."),
    OUTBOX_SWEEP_AFTER_SECONDS(Source.ENV, null, "30", "Age after which an unpublished outbox job is re-sent by the sweeper."),

    // Configuration sources themselves
    CONFIG_SSM_PREFIX(Source.ENV, null, null, "SSM path prefix for parameters, e.g. /urmston. Unset: parameters come from the environment."),
    CONFIG_CACHE_SECONDS(Source.ENV, null, "300", "How long values from Secrets Manager and SSM are cached."),
    LOG_LEVEL(Source.ENV, null, "INFO", "Root log level."),

    // Local stack (issue 2: invitations and the one-command local run)
    LOCAL_DATA_DIR(Source.ENV, null, "local-data", "Local stack only: where the embedded PostgreSQL keeps its data between runs."),
    LOCAL_WORKER_ENABLED(Source.ENV, null, "true", "Local stack only: false leaves jobs on the queue (the API benchmark measures the API alone).");

    public enum Source { ENV, SECRET, PARAMETER }

    private final Source source;
    private final String ssmPath;
    private final String defaultValue;
    private final String description;

    Setting(Source source, String ssmPath, String defaultValue, String description) {
        this.source = source;
        this.ssmPath = ssmPath;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public Source source() { return source; }

    /** Path under CONFIG_SSM_PREFIX for a {@link Source#PARAMETER}, e.g. {@code /twilio/whatsapp-from}. */
    public String ssmPath() { return ssmPath; }

    public String defaultValue() { return defaultValue; }

    public String description() { return description; }
}
