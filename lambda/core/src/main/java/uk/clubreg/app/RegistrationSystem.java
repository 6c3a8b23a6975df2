package uk.clubreg.app;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import uk.clubreg.assistant.Assistant;
import uk.clubreg.assistant.ConversationSettings;
import uk.clubreg.audit.AccessAudit;
import uk.clubreg.audit.AccessAuditRepository;
import uk.clubreg.auth.ApiKeyGuard;
import uk.clubreg.chasers.Chasers;
import uk.clubreg.chasers.ReminderSettings;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;
import uk.clubreg.console.Console;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.daily.DailyRun;
import uk.clubreg.encryption.FieldEncryption;
import uk.clubreg.handoffs.HandOffs;
import uk.clubreg.http.Endpoint;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.http.Router;
import uk.clubreg.http.StaticResource;
import uk.clubreg.inbox.Inbox;
import uk.clubreg.invitations.InvitationDefaults;
import uk.clubreg.invitations.InvitationParser;
import uk.clubreg.invitations.InvitationService;
import uk.clubreg.invitations.SeasonRollover;
import uk.clubreg.invitations.TriggerEndpoint;
import uk.clubreg.jobs.Deadline;
import uk.clubreg.jobs.InlineJobQueue;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;
import uk.clubreg.jobs.JobQueue;
import uk.clubreg.messaging.Messaging;
import uk.clubreg.notices.ManagerNotices;
import uk.clubreg.outbox.Outbox;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.outbox.OutboxRepository;
import uk.clubreg.outbox.OutboxSweeper;
import uk.clubreg.parents.ParentRepository;
import uk.clubreg.persistence.Database;
import uk.clubreg.persistence.Jdbc;
import uk.clubreg.photos.PhotoFiles;
import uk.clubreg.photos.PhotoRepository;
import uk.clubreg.photos.PlayerPhotos;
import uk.clubreg.players.PlayerRepository;
import uk.clubreg.privacy.ParentData;
import uk.clubreg.privacy.PersonalDataRepository;
import uk.clubreg.privacy.Retention;
import uk.clubreg.privacy.RetentionRepository;
import uk.clubreg.registrations.RegistrationsEndpoint;
import uk.clubreg.registrations.TeamRegistrations;

/**
 * The one place the system is built: every repository and service once, from configuration and the
 * {@link Adapters}. The API function serves {@link #router()}, the worker runs {@link #jobs()}, the sweeper uses
 * {@link #outboxSweeper()}, the daily schedule runs {@link #dailyRun()}; the local stack runs them all on one
 * instance. Building it opens no connection and calls nothing remote.
 */
public final class RegistrationSystem {

    private final Config config;
    private final Database database;
    private final Clock clock;
    private final OutboxRelay outboxRelay;
    private final JobQueue queue;
    private final OutboxSweeper outboxSweeper;
    private final JobHandler<Job> jobs;
    private final DailyRun dailyRun;
    private final Router router = new Router();

    public RegistrationSystem(Config config, Adapters adapters) {
        this.config = config;
        this.database = adapters.database();
        this.clock = adapters.clock();
        Jdbc jdbc = new Jdbc(database);
        ParentRepository parents = new ParentRepository(jdbc);
        FieldEncryption encryption = new FieldEncryption(() -> config.get(Setting.DETAILS_ENCRYPTION_KEYS));
        boolean photoRequired = Boolean.parseBoolean(config.require(Setting.PLAYER_PHOTO_REQUIRED));
        PlayerRepository players = new PlayerRepository(jdbc, encryption, photoRequired);
        PhotoRepository photoRows = new PhotoRepository(jdbc);
        PhotoFiles photoFiles = new PhotoFiles(photoRows, adapters.photoStore());
        ConversationRepository conversations = new ConversationRepository(jdbc);
        OutboxRepository outboxRows = new OutboxRepository(jdbc);
        AccessAudit audit = new AccessAudit(new AccessAuditRepository(jdbc), clock);
        Outbox outbox = new Outbox(outboxRows);
        // Without a queue a job runs inline through the same handlers the worker uses, built below.
        this.queue = adapters.queue().orElseGet(() -> new InlineJobQueue(this::runJob));
        this.outboxRelay = new OutboxRelay(outboxRows, database, queue);
        this.outboxSweeper = new OutboxSweeper(outboxRelay,
                Duration.ofSeconds(config.getInt(Setting.OUTBOX_SWEEP_AFTER_SECONDS)), clock);

        InvitationDefaults defaults = InvitationDefaults.from(config);
        ReminderSettings reminders = ReminderSettings.from(config);
        Messaging messaging = new Messaging(config, clock, database, parents, players, conversations, outbox,
                outboxRelay, adapters.whatsApp(), adapters.signatures());
        ConversationSettings conversationSettings = ConversationSettings.from(config);
        Assistant assistant = new Assistant(conversationSettings, clock, database, players,
                conversations, messaging.replies(), outbox, outboxRelay, adapters.responder(),
                new PlayerPhotos(photoRows, adapters.photoStore(), adapters.media(), PlayerPhotos.Fetching.DEFAULT, clock),
                () -> Boolean.parseBoolean(config.require(Setting.NOTIFY_MANAGER_ON_COMPLETE)));
        Inbox inbox = new Inbox(messaging, assistant.engine(), parents, conversations, database, outbox, outboxRelay,
                clock, conversationSettings);
        Chasers chasers = new Chasers(reminders, database, players, conversations, outbox, outboxRelay,
                messaging.replies(), conversationSettings, clock);
        HandOffs handOffs = new HandOffs(database, conversations, players, outbox, outboxRelay,
                messaging.staffNotices(), assistant.engine(), reminders.zone(), clock);
        ManagerNotices notices = new ManagerNotices(database, players, conversations, parents, outbox, outboxRelay,
                messaging.staffNotices(), ManagerNotices.summaryDay(config), defaults.season(), reminders.zone(),
                clock);
        ParentData parentData = new ParentData(database, new PersonalDataRepository(jdbc, encryption), audit, outbox,
                outboxRelay, photoRows, photoFiles,
                config.require(Setting.DEFAULT_PHONE_REGION));
        SeasonRollover seasons = new SeasonRollover(database, conversations, players, defaults.season());
        InvitationService invitations = new InvitationService(database, parents, conversations, players, outbox,
                outboxRelay, seasons, defaults.clubName(), clock);
        InvitationParser invitationParser = new InvitationParser(defaults);
        TeamRegistrations teamRegistrations = new TeamRegistrations(players, conversations);
        Console console = new Console(config, jdbc, database, outbox, outboxRelay, new Console.Services(players,
                parents, conversations, teamRegistrations, handOffs, chasers, invitationParser, invitations,
                messaging.signInCodes(), audit, photoFiles), reminders.zone(), clock);
        JobRunner runner = new JobRunner(messaging.invitationJob(), inbox.inboundMessageJob(), messaging.resendJob(),
                chasers.reminderJob(), handOffs.noticeJob(), handOffs.resumeJob(), notices.completionJob(),
                notices.summaryJob(),
                parentData.processorCopiesJob(adapters.messageRecords(), adapters.aiConversations(),
                        adapters.photoStore()),
                console.signInCodeJob(), inbox.fallbackWebhookJob());
        // A job has used the database anyway: the outbox is swept from here, not on a schedule (decision 0055).
        this.jobs = new JobHandler<>() {
            @Override
            public void handle(Job job) {
                handle(job, Deadline.NONE);
            }

            @Override
            public void handle(Job job, Deadline deadline) {
                runner.handle(job, deadline);
                outboxSweeper.sweepIfDue();
            }
        };

        Retention retention = Retention.from(config, database, new RetentionRepository(jdbc), audit, outbox,
                outboxRelay, clock);
        // Earlier seasons first, so nobody is reminded about last season's registration.
        this.dailyRun = new DailyRun(List.of(
                new DailyRun.Step("seasons", () -> Map.of("archived", seasons.archiveEarlierSeasons())),
                new DailyRun.Step("hand_offs", () -> Map.of("escalated", handOffs.escalateUnreleased())),
                new DailyRun.Step("chasers", () -> chasers.run().counts()),
                new DailyRun.Step("weekly_summaries", () -> Map.of("queued", notices.queueWeeklySummaries())),
                new DailyRun.Step("retention", () -> retention.run().counts()),
                new DailyRun.Step("outbox", () -> Map.of("published", outboxSweeper.sweep()))),
                reminders.zone(), clock);
        // Team managers and the club (API key): invitations, the team's registrations, reminders and hand-offs.
        ApiKeyGuard managers = new ApiKeyGuard(() -> config.require(Setting.API_KEY));
        router.route("POST", "/trigger", managers.protect(swept(new TriggerEndpoint(invitationParser,
                invitations))));
        router.route("GET", "/registrations", managers.protect(swept(new RegistrationsEndpoint(
                teamRegistrations, audit, defaults.clubName(), defaults.season(), photoRequired))));
        router.route("POST", "/admin/run/chasers", managers.protect(swept(chasers.runEndpoint())));
        router.route("POST", "/admin/run/daily", managers.protect(dailyRun.endpoint()));
        router.route("POST", "/admin/players/{player_id}/chase",
                managers.protect(swept(chasers.chasePlayerEndpoint())));
        router.route("POST", "/admin/conversations/{conversation_id}/release",
                managers.protect(swept(handOffs.releaseEndpoint())));
        router.route("GET", "/admin/audit", managers.protect(audit.endpoint()));
        // A parent's access and erasure requests, which the club answers.
        router.route("GET", "/admin/parents/{tel}/export", managers.protect(parentData.exportEndpoint()));
        router.route("DELETE", "/admin/parents/{tel}", managers.protect(parentData.eraseEndpoint()));
        router.route("GET", "/admin/players/{player_id}/photo", managers.protect(parentData.photoEndpoint()));
        // Twilio (signature checked in code): incoming messages and delivery status callbacks.
        router.route("POST", Inbox.WEBHOOK, swept(inbox.webhook()));
        // Twilio's Fallback URL, for when /webhook fails: queued as it is, no database. In AWS, API Gateway queues
        // it itself and this Lambda never sees it; locally this stands in (docs/decisions/0105-webhook-fallback.md).
        router.route("POST", Inbox.WEBHOOK_FALLBACK, Inbox.fallbackToQueue(queue));
        router.route("POST", "/status", swept(messaging.statusCallbacks()));
        // Team managers and club admins on the web, signed in by a code over WhatsApp (docs/console.md).
        console.routes(router);
        // One description of all of the above (OpenAPI 3.1); a test keeps it and the routes equal.
        router.route("GET", "/openapi.json", StaticResource.of("/openapi.json", "application/json"));
    }

    /** A request answered below 400 has used the database anyway: it may sweep the outbox (decision 0055). */
    private Endpoint swept(Endpoint endpoint) {
        return request -> {
            HttpResponse response = endpoint.handle(request);
            if (response.status() < 400) {
                outboxSweeper.sweepIfDue();
            }
            return response;
        };
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

    /** The once-a-day work: what the schedule runs (and {@code POST /admin/run/daily}). */
    public DailyRun dailyRun() {
        return dailyRun;
    }

    /** Where jobs go: the worker asks it to bring a failed job back after a backoff. */
    public JobQueue queue() {
        return queue;
    }

    /** The outbox sweeper function's (and the local stack's timer's) sweep. */
    public OutboxSweeper outboxSweeper() {
        return outboxSweeper;
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
