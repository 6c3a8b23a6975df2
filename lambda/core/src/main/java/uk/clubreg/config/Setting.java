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
    DETAILS_ENCRYPTION_KEYS(Source.SECRET, null, null, "Keys (comma-separated random strings, the first encrypts) for medical notes and emergency contacts. Unset: stored unencrypted. The local stack sets a development key."),
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

    // Messaging (Twilio): WhatsApp in and out, templates and the 24-hour window
    TWILIO_ACCOUNT_SID(Source.SECRET, null, null, "Twilio Account SID (AC...)."),
    TWILIO_AUTH_TOKEN(Source.SECRET, null, null, "Twilio Auth Token: authenticates sends and checks X-Twilio-Signature."),
    TWILIO_AUTH_TOKEN_PREVIOUS(Source.SECRET, null, null, "During a rotation only: the auth token being replaced; webhook signatures made with it are still accepted."),
    TWILIO_WHATSAPP_FROM(Source.PARAMETER, "/twilio/whatsapp-from", null, "The club's WhatsApp sender, e.g. whatsapp:+447700900000."),
    TWILIO_INVITE_CONTENT_SID(Source.PARAMETER, "/twilio/invite-content-sid", null, "Content template (HX...) of a new invitation; variables 1-9."),
    TWILIO_EXISTING_CONTENT_SID(Source.PARAMETER, "/twilio/existing-content-sid", null, "Content template of an invitation to a parent already in a conversation; variables 1-9."),
    TWILIO_FOLLOW_UP_CONTENT_SID(Source.PARAMETER, "/twilio/follow-up-content-sid", null, "Template for replies outside the 24-hour window; variables 1-9. Unset: the existing-registration template."),
    TWILIO_QUICK_REPLY_CONTENT_SID(Source.PARAMETER, "/twilio/quick-reply-content-sid", null, "Quick-reply template: body {{1}}, buttons {{2}} and {{3}}. Unset: choices are numbered in the text."),
    TWILIO_REMINDER_CONTENT_SID(Source.PARAMETER, "/twilio/reminder-content-sid", null, "Reminder template outside the 24-hour window; variables 1-4. Unset: the follow-up template."),
    TWILIO_MANAGER_NOTICE_CONTENT_SID(Source.PARAMETER, "/twilio/manager-notice-content-sid", null, "Template of notices to managers and club admins outside their 24-hour window; variables 1-3."),
    TWILIO_LOGIN_CONTENT_SID(Source.PARAMETER, "/twilio/login-content-sid", null, "Authentication template of a console sign-in code, the code in {{1}}. Unset: sent free-form (the local stack)."),
    TWILIO_API_BASE_URL(Source.ENV, null, null, "Replaces https://api.twilio.com for the SDK (local mocks and tests only)."),

    // The registration assistant: AI (OpenAI Responses API) or guided mode.
    OPENAI_API_KEY(Source.SECRET, null, null, "OpenAI API key. Unset: the guided (no-AI) mode answers parents."),
    OPENAI_MODEL(Source.PARAMETER, "/openai/model", "gpt-5-mini", "Responses API model."),
    OPENAI_REASONING_EFFORT(Source.ENV, null, "low", "Reasoning effort (minimal, low, medium, high; none: not sent); sent only to reasoning models (gpt-5, o-series)."),
    OPENAI_BASE_URL(Source.ENV, null, null, "OpenAI API base URL override (tests, local mocks, compatible gateways)."),
    OPENAI_TIMEOUT_SECONDS(Source.ENV, null, "20", "Timeout of one OpenAI request."),
    OPENAI_MAX_RETRIES(Source.ENV, null, "2", "Retries of one OpenAI request on timeouts, 429 and 5xx before the job goes back to the queue."),
    OPENAI_MAX_TOOL_ROUNDS(Source.ENV, null, "5", "Maximum rounds of tool calls in one AI turn."),
    AI_ENABLED(Source.ENV, null, "true", "false: the club turns the AI off and the guided mode answers parents."),
    ASSISTANT_NAME(Source.ENV, null, "Omega", "The assistant's name in messages."),
    LANGUAGES(Source.ENV, null, "en,pl,ur,ar,ro", "Languages parents may choose (ISO 639-1 codes with a translation of the texts), comma-separated; the first is the club's default, used until a parent chooses; English is always offered."),
    KIT_SIZES(Source.ENV, null, "5-6,7-8,9-10,11-12,13-14,S,M,L,XL", "Kit sizes a parent can choose, comma-separated."),
    CONVERSATION_HISTORY_MESSAGES(Source.ENV, null, "20", "Messages replayed from the messages table when an OpenAI conversation is rebuilt (at most 20)."),
    AI_HOLDING_AFTER_SECONDS(Source.ENV, null, "60", "AI unavailable this long: the parent gets one holding message."),
    PRIVACY_NOTICE_URL(Source.ENV, null, null, "The club's privacy notice, linked at the top of the first reply of each parent's conversation. Unset: no link, and no data-processing acknowledgement is recorded."),
    CONSENT_WORDING_VERSION(Source.ENV, null, "1", "Version of the privacy notice and consent questions, recorded with every consent; change it when their wording changes."),
    PLAYER_PHOTO_REQUIRED(Source.ENV, null, "false", "true: the registration asks for a clear head-and-shoulders photo of each child (JPEG, PNG or HEIC, at most 5 MB), kept in the photo store."),
    PHOTO_BUCKET(Source.ENV, null, null, "S3 bucket of the players' photos (set by the stack). Unset: a folder, LOCAL_DATA_DIR/photos."),
    AI_SENSITIVE_DETAILS(Source.ENV, null, "guided", "guided: in AI mode, medical notes and the emergency contact are asked in guided steps and never reach OpenAI; ai: the AI asks for them too."),

    // A season: reminders to parents, hand-offs and notices to the club's people
    CLUB_TIME_ZONE(Source.ENV, null, "Europe/London", "The club's time zone: quiet hours, reminder days and the weekly summary day."),
    CHASE_AFTER_DAYS(Source.ENV, null, "3", "Days after the invitation or the parent's last message before the first reminder (0: the first run)."),
    CHASE_EVERY_DAYS(Source.ENV, null, "3", "Days between reminders about the same registration (at least 1)."),
    CHASE_MAX(Source.ENV, null, "3", "At most this many reminders per player."),
    QUIET_HOURS(Source.ENV, null, "20:00-09:00", "No reminders from the first time to the second (club time zone); set but empty, or none: no quiet hours."),
    MANAGER_SUMMARY_DAY(Source.ENV, null, "MONDAY", "Day of the weekly summary each team's managers get (MONDAY to SUNDAY)."),
    NOTIFY_MANAGER_ON_COMPLETE(Source.PARAMETER, "/club/notify-manager-on-complete", "false", "true: the team managers are told each time one of their players completes."),
    CLUB_ADMIN_TELS(Source.PARAMETER, "/club/admin-tels", null, "Club admins' phones, comma-separated: told of a hand-off when no manager has a phone, and of every escalation; they sign in to the console and see every team."),

    // How long parents' data is kept (docs/decisions/0093-retention.md)
    MESSAGE_RETENTION_DAYS(Source.ENV, null, "90", "Days after a conversation's registrations all finished (completed, declined or archived) before its message bodies and media are redacted; messages outside any conversation, that long after they were sent."),
    DETAILS_RETENTION_SEASONS(Source.ENV, null, "1", "Seasons after their own that collected details are kept (1: 2025-26 details are deleted once CURRENT_SEASON is 2027-28)."),

    // Configuration sources themselves
    CONFIG_SSM_PREFIX(Source.ENV, null, null, "SSM path prefix for parameters, e.g. /urmston/prod. Unset: parameters come from the environment."),
    CONFIG_CACHE_SECONDS(Source.ENV, null, "300", "How long values from Secrets Manager and SSM are cached."),
    LOG_LEVEL(Source.ENV, null, "INFO", "Root log level."),

    // Local stack (the one-command local run)
    LOCAL_DATA_DIR(Source.ENV, null, "local-data", "Local stack only: where the embedded PostgreSQL keeps its data between runs."),
    LOCAL_WORKER_ENABLED(Source.ENV, null, "true", "Local stack only: false leaves jobs on the queue (the API benchmark measures the API alone)."),
    LOCAL_WORKER_TIMEOUT_SECONDS(Source.ENV, null, null, "Local stack only: each batch of the local worker gets this long as Lambda's remaining time (the turn deadline); unset: no deadline."),
    DAILY_RUN_AT(Source.ENV, null, "10:00", "Local stack only: time of day (CLUB_TIME_ZONE) of the daily run; none: no daily run. In AWS a schedule runs it at 10:00 Europe/London.");

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
