package uk.clubreg.app;

import java.time.Clock;
import uk.clubreg.assistant.Assistant;
import uk.clubreg.assistant.ConversationSettings;
import uk.clubreg.auth.ApiKeyGuard;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.http.Router;
import uk.clubreg.inbox.Inbox;
import uk.clubreg.invitations.InvitationDefaults;
import uk.clubreg.invitations.InvitationParser;
import uk.clubreg.invitations.InvitationService;
import uk.clubreg.invitations.TriggerEndpoint;
import uk.clubreg.jobs.InlineJobQueue;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;
import uk.clubreg.jobs.JobQueue;
import uk.clubreg.messaging.Messaging;
import uk.clubreg.outbox.Outbox;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.outbox.OutboxRepository;
import uk.clubreg.parents.ParentRepository;
import uk.clubreg.persistence.Database;
import uk.clubreg.persistence.Jdbc;
import uk.clubreg.players.PlayerRepository;
import uk.clubreg.registrations.RegistrationsEndpoint;
import uk.clubreg.registrations.TeamRegistrations;

/**
 * The one place the system is built: every repository and service once, from configuration and the
 * {@link Adapters}. The API function serves {@link #router()}, the worker runs {@link #jobs()}, the sweeper uses
 * {@link #outboxRelay()}; the local stack runs all three on one instance. Building it opens no connection and calls
 * nothing remote.
 */
public final class RegistrationSystem {

    private final Config config;
    private final Database database;
    private final Clock clock;
    private final OutboxRelay outboxRelay;
    private final JobHandler<Job> jobs;
    private final Router router = new Router();

    public RegistrationSystem(Config config, Adapters adapters) {
        this.config = config;
        this.database = adapters.database();
        this.clock = adapters.clock();
        Jdbc jdbc = new Jdbc(database);
        ParentRepository parents = new ParentRepository(jdbc);
        PlayerRepository players = new PlayerRepository(jdbc);
        ConversationRepository conversations = new ConversationRepository(jdbc);
        OutboxRepository outboxRows = new OutboxRepository(jdbc);
        Outbox outbox = new Outbox(outboxRows);
        // Without a queue a job runs inline through the same handlers the worker uses, built below.
        JobQueue queue = adapters.queue().orElseGet(() -> new InlineJobQueue(this::runJob));
        this.outboxRelay = new OutboxRelay(outboxRows, database, queue);

        Messaging messaging = new Messaging(config, clock, database, parents, players, conversations, outbox,
                outboxRelay, adapters.whatsApp(), adapters.signatures());
        Assistant assistant = new Assistant(ConversationSettings.from(config), clock, database, players,
                conversations, messaging.replies(), adapters.responder());
        Inbox inbox = new Inbox(messaging, assistant.engine(), parents, conversations, database, outbox, outboxRelay,
                clock, config.require(Setting.CLUB_NAME));
        this.jobs = new JobRunner(messaging.invitationJob(), inbox.inboundMessageJob(), messaging.resendJob());

        InvitationDefaults defaults = InvitationDefaults.from(config);
        InvitationService invitations = new InvitationService(database, parents, conversations, players, outbox,
                outboxRelay, defaults.clubName());
        // Team managers (API key): invitations and the team's registration status.
        ApiKeyGuard managers = new ApiKeyGuard(() -> config.require(Setting.API_KEY));
        router.route("POST", "/trigger", managers.protect(new TriggerEndpoint(new InvitationParser(defaults),
                invitations)));
        router.route("GET", "/registrations", managers.protect(new RegistrationsEndpoint(
                new TeamRegistrations(players, conversations), defaults.clubName(), defaults.season())));
        // Twilio (signature checked in code): incoming messages and delivery status callbacks.
        router.route("POST", "/webhook", inbox.webhook());
        router.route("POST", "/status", messaging.statusCallbacks());
    }

    private void runJob(Job job) {
        jobs.handle(job);
    }

    /** The API's routes. */
    public Router router() {
        return router;
    }

    /** Every job type's handler: what the worker runs. */
    public JobHandler<Job> jobs() {
        return jobs;
    }

    /** Publishes committed outbox jobs; the sweeper's {@code sweep}. */
    public OutboxRelay outboxRelay() {
        return outboxRelay;
    }

    public Config config() {
        return config;
    }

    public Database database() {
        return database;
    }

    public Clock clock() {
        return clock;
    }
}
