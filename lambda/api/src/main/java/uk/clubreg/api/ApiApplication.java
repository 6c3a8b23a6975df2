package uk.clubreg.api;

import java.time.Clock;
import java.util.Map;
import uk.clubreg.auth.ApiKeyGuard;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;
import uk.clubreg.config.aws.AwsConfig;
import uk.clubreg.http.Router;
import uk.clubreg.invitations.InvitationDefaults;
import uk.clubreg.invitations.InvitationParser;
import uk.clubreg.invitations.InvitationService;
import uk.clubreg.invitations.TriggerEndpoint;
import uk.clubreg.jobs.JobQueue;
import uk.clubreg.jobs.sqs.SqsJobQueue;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.persistence.Database;
import uk.clubreg.registrations.RegistrationsEndpoint;
import uk.clubreg.registrations.TeamRegistrations;

/**
 * The API function's composition root: builds the services from configuration and maps routes to them.
 * Nothing here opens a connection or calls AWS; that happens on the first request that needs it.
 */
public final class ApiApplication {

    private static ApiApplication shared;

    private final Config config;
    private final Database database;
    private final JobQueue jobQueue;
    private final OutboxRelay outboxRelay;
    private final Clock clock;
    private final Router router = new Router();

    public ApiApplication(Config config, Database database, JobQueue jobQueue, Clock clock) {
        this.config = config;
        this.database = database;
        this.jobQueue = jobQueue;
        this.outboxRelay = new OutboxRelay(database, jobQueue);
        this.clock = clock;
        registerRoutes();
    }

    /** One instance per Lambda container, configured from the environment (and Secrets Manager/SSM in AWS). */
    public static synchronized ApiApplication shared() {
        if (shared == null) {
            Map<String, String> environment = System.getenv();
            Config config = environment.containsKey("AWS_LAMBDA_FUNCTION_NAME")
                    ? AwsConfig.fromEnvironment(environment)
                    : Config.fromEnvironment(environment);
            Database database = Database.connect(config.require(Setting.DATABASE_URL), config.getInt(Setting.DB_POOL_SIZE));
            shared = new ApiApplication(config, database, queueFrom(config), Clock.systemUTC());
        }
        return shared;
    }

    private static JobQueue queueFrom(Config config) {
        String queueUrl = config.require(Setting.QUEUE_URL);
        return new SqsJobQueue(SqsJobQueue.client(config.get(Setting.SQS_ENDPOINT).orElse(null)), queueUrl);
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
    }

    public Router router() { return router; }

    public Config config() { return config; }

    public Database database() { return database; }

    public JobQueue jobQueue() { return jobQueue; }

    public OutboxRelay outboxRelay() { return outboxRelay; }

    public Clock clock() { return clock; }
}
