package uk.clubreg.api;

import java.time.Clock;
import java.util.Map;
import java.util.function.Function;
import uk.clubreg.auth.ApiKeyGuard;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;
import uk.clubreg.config.aws.AwsConfig;
import uk.clubreg.conversation.ConversationEngine;
import uk.clubreg.conversation.RegistrationConversations;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.Router;
import uk.clubreg.invitations.InvitationDefaults;
import uk.clubreg.invitations.InvitationParser;
import uk.clubreg.invitations.InvitationService;
import uk.clubreg.invitations.TriggerEndpoint;
import uk.clubreg.jobs.InlineJobQueue;
import uk.clubreg.jobs.JobDispatcher;
import uk.clubreg.jobs.JobQueue;
import uk.clubreg.jobs.sqs.SqsJobQueue;
import uk.clubreg.json.Json;
import uk.clubreg.messaging.Messaging;
import uk.clubreg.messaging.WhatsAppReplies;
import uk.clubreg.messaging.twilio.TwilioMessaging;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.persistence.Database;
import uk.clubreg.registrations.RegistrationsEndpoint;
import uk.clubreg.registrations.TeamRegistrations;
import uk.clubreg.snapstart.SnapStartHooks;

/**
 * The API function's composition root: builds the services from configuration and maps routes to them.
 * Nothing here opens a connection or calls AWS; that happens on the first request that needs it.
 */
public final class ApiApplication {

    private static ApiApplication shared;

    private static final String PRIMING_INVITATION = """
            {"player_first_name": "Sam", "player_last_name": "Taylor", "parent_tel": "07700 900123",
             "team_name": "U11 Panthers", "membership_fee_amount": 40}""";

    private final Config config;
    private final Database database;
    private final JobQueue jobQueue;
    private final OutboxRelay outboxRelay;
    private final Clock clock;
    private final Messaging messaging;
    private final Router router = new Router();

    public ApiApplication(Config config, Database database, JobQueue jobQueue, Clock clock) {
        this.config = config;
        this.database = database;
        this.jobQueue = jobQueue;
        this.outboxRelay = new OutboxRelay(database, jobQueue);
        this.clock = clock;
        this.messaging = TwilioMessaging.create(config, database, clock);
        registerRoutes();
    }

    /** One instance per Lambda container, configured from the environment (and Secrets Manager/SSM in AWS). */
    public static synchronized ApiApplication shared() {
        if (shared == null) {
            Config config = AwsConfig.forRuntime(System.getenv());
            Database database = Database.connect(config);
            Clock clock = Clock.systemUTC();
            shared = new ApiApplication(config, database, queueFrom(config, database, clock), clock);
            new SnapStartHooks(database, config, shared::prime).register();
        }
        return shared;
    }

    /**
     * SnapStart priming: runs the hot paths once without side effects, so the snapshot holds loaded classes
     * (Jackson, libphonenumber's metadata, the router, PgJDBC) rather than paying for them on the first request.
     */
    void prime() {
        new InvitationParser(InvitationDefaults.from(config)).parse(Json.read(PRIMING_INVITATION));
        router.dispatch(new HttpRequest("GET", "/snapstart-priming", Map.of(), Map.of(), "", "snapstart-priming"));
        database.withConnection(connection -> connection.createStatement().execute("SELECT 1"));
    }

    private static JobQueue queueFrom(Config config, Database database, Clock clock) {
        return config.get(Setting.QUEUE_URL)
                .<JobQueue>map(url -> new SqsJobQueue(SqsJobQueue.client(config.get(Setting.SQS_ENDPOINT).orElse(null)), url))
                .orElseGet(() -> new InlineJobQueue(inlineJobs(config, database, clock,
                        replies -> RegistrationConversations.guided(config, database, replies, clock))));
    }

    /**
     * The jobs the API does itself when QUEUE_URL is unset (the seed's fallback): the worker's handlers, inline.
     * openai-java is never on the API's classpath, so {@code engine} must be an engine core provides; it is built
     * from the replies it answers through.
     */
    public static JobDispatcher inlineJobs(Config config, Database database, Clock clock,
                                           Function<WhatsAppReplies, ConversationEngine> engine) {
        Messaging messaging = TwilioMessaging.create(config, database, clock);
        return messaging.registerJobs(new JobDispatcher(), engine.apply(messaging.replies()));
    }

    private void registerRoutes() {
        // Team managers (API key): invitations and the team's registration status.
        ApiKeyGuard managers = new ApiKeyGuard(() -> config.require(Setting.API_KEY));
        InvitationDefaults defaults = InvitationDefaults.from(config);
        router.route("POST", "/trigger", managers.protect(new TriggerEndpoint(new InvitationParser(defaults),
                new InvitationService(database, outboxRelay, defaults.clubName()))));
        router.route("GET", "/registrations", managers.protect(new RegistrationsEndpoint(
                new TeamRegistrations(database), defaults.clubName(), defaults.season())));

        // Twilio (signature checked in code): incoming messages and delivery status callbacks.
        router.route("POST", "/webhook", messaging.inboundWebhook(outboxRelay));
        router.route("POST", "/status", messaging.statusCallbacks(outboxRelay));
    }

    public Router router() { return router; }

    public Config config() { return config; }

    public Database database() { return database; }

    public JobQueue jobQueue() { return jobQueue; }

    public OutboxRelay outboxRelay() { return outboxRelay; }

    public Clock clock() { return clock; }
}
