package uk.clubreg.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import uk.clubreg.api.ApiHandler;
import uk.clubreg.api.DailyRunHandler;
import uk.clubreg.api.OutboxSweeperHandler;
import uk.clubreg.app.Adapters;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;
import uk.clubreg.jobs.JobQueue;
import uk.clubreg.jobs.sqs.SqsJobQueue;
import uk.clubreg.local.simulator.WhatsAppSimulator;
import uk.clubreg.migrations.SchemaMigrator;
import uk.clubreg.parents.ParentRepository;
import uk.clubreg.persistence.Database;
import uk.clubreg.persistence.Jdbc;
import uk.clubreg.worker.Responders;
import uk.clubreg.worker.WorkerHandler;

/**
 * The whole system on one machine: PostgreSQL (embedded, or DATABASE_URL) with the migrations applied, an SQS
 * FIFO queue (ElasticMQ in this process, or QUEUE_URL), the API behind a local HTTP server that plays API
 * Gateway, the worker fed the way Lambda's SQS trigger feeds it, the outbox sweeper on a timer, and the daily run
 * at DAILY_RUN_AT.
 */
public final class LocalStack implements AutoCloseable {

    /** The API key when API_KEY is not set: printed at start, and used by the README's examples. */
    public static final String DEVELOPMENT_API_KEY = "local-dev-key";
    /** Connections of the local stack's pool unless DB_POOL_SIZE says otherwise. */
    static final String LOCAL_POOL_SIZE = "8";
    /** The details key when DETAILS_ENCRYPTION_KEYS is not set, so the local stack seals them as AWS does. */
    public static final String DEVELOPMENT_DETAILS_KEY = "local-development-details-key-not-for-real-data";
    /**
     * The local stack's club admin when CLUB_ADMIN_TELS is not set: printed at start, so the console can be tried
     * at once (its sign-in code arrives in the simulator). Only the local stack has a default.
     */
    public static final String DEMO_CLUB_ADMIN = "+447700900990";
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private LocalHttpServer http;
    private Config config;
    private int port;
    private String databaseDescription;
    private String queueDescription;
    private String conversationDescription;
    private String whatsAppDescription;

    private LocalStack() {}

    public static void main(String[] args) throws InterruptedException {
        LocalStack stack = start(System.getenv());
        Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-shutdown"));
        stack.printBanner(System.out);
        stack.stopped.await();
    }

    /** Starts everything; PORT=0 picks a free port (tests). Anything started is stopped again if a later step fails. */
    public static LocalStack start(Map<String, String> environment) {
        return start(environment, null, Clock.systemUTC());
    }

    /**
     * Benchmarks only: the system publishes its jobs to {@code queue} (e.g. one that drops them) instead of the SQS
     * queue, to measure the API's own path without the queue's cost. Start it with LOCAL_WORKER_ENABLED=false.
     */
    public static LocalStack startWithQueue(Map<String, String> environment, JobQueue queue) {
        return start(environment, queue, Clock.systemUTC());
    }

    /** As {@link #start(Map)}, with the system's clock: tests move it to let days pass. */
    public static LocalStack start(Map<String, String> environment, Clock clock) {
        return start(environment, null, clock);
    }

    private static LocalStack start(Map<String, String> environment, JobQueue queueOverride, Clock clock) {
        LocalStack stack = new LocalStack();
        try {
            stack.startAll(environment, queueOverride, clock);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private void startAll(Map<String, String> environment, JobQueue queueOverride, Clock clock) {
        Map<String, String> settings = new HashMap<>(environment);
        Config given = Config.fromEnvironment(environment);

        http = LocalHttpServer.bind(given.getInt(Setting.PORT));
        port = http.port();
        settings.putIfAbsent(Setting.PUBLIC_BASE_URL.name(), "http://localhost:" + port);
        if (!given.isSet(Setting.API_KEY)) {
            settings.put(Setting.API_KEY.name(), DEVELOPMENT_API_KEY);
        }
        if (!given.isSet(Setting.CLUB_ADMIN_TELS)) {
            settings.put(Setting.CLUB_ADMIN_TELS.name(), DEMO_CLUB_ADMIN);
        }
        if (!given.isSet(Setting.DETAILS_ENCRYPTION_KEYS)) {
            settings.put(Setting.DETAILS_ENCRYPTION_KEYS.name(), DEVELOPMENT_DETAILS_KEY);
        }
        if (!given.isSet(Setting.DB_POOL_SIZE)) {
            // This one process serves every caller at once, where a Lambda instance serves one request at a time.
            settings.put(Setting.DB_POOL_SIZE.name(), LOCAL_POOL_SIZE);
        }

        if (given.isSet(Setting.DATABASE_URL)) {
            databaseDescription = "DATABASE_URL (external server)";
        } else {
            LocalPostgres postgres = started(LocalPostgres.start(Path.of(given.require(Setting.LOCAL_DATA_DIR), "postgres")));
            settings.put(Setting.DATABASE_URL.name(), postgres.jdbcUrl());
            databaseDescription = postgres.jdbcUrl() + "  (embedded; data in " + postgres.dataDirectory() + ")";
        }

        if (given.isSet(Setting.QUEUE_URL)) {
            queueDescription = given.require(Setting.QUEUE_URL) + "  (QUEUE_URL)";
        } else {
            LocalQueue queue = started(LocalQueue.start());
            settings.put(Setting.QUEUE_URL.name(), queue.queueUrl());
            settings.put(Setting.SQS_ENDPOINT.name(), queue.endpoint());
            queueDescription = queue.queueUrl() + "  (ElasticMQ in this process; SQS_ENDPOINT=" + queue.endpoint() + ")";
        }

        boolean simulated = !given.isSet(Setting.TWILIO_ACCOUNT_SID);
        if (simulated) {
            SimulatedTwilio.configure(settings, baseUrl());
        }
        config = Config.fromEnvironment(settings);
        // Flyway needs a direct connection (Neon's pooler breaks its lock): the direct URL when one is given.
        new SchemaMigrator(config.get(Setting.DATABASE_DIRECT_URL).orElseGet(() -> config.require(Setting.DATABASE_URL)))
                .migrate();
        Database database = started(Database.connect(config));

        SqsClient sqs = started(SqsJobQueue.client(config.get(Setting.SQS_ENDPOINT).orElse(null)));
        String queueUrl = config.require(Setting.QUEUE_URL);
        // One system for the API, the worker and the sweeper, as in AWS but in one process.
        RegistrationSystem system = new RegistrationSystem(config, Adapters.fromConfig(config, database)
                .withQueue(queueOverride != null ? queueOverride : new SqsJobQueue(sqs, queueUrl))
                .withResponder(Responders.fromConfig(config))
                .withAiConversations(Responders.aiConversations(config)).withClock(clock));
        conversationDescription = Responders.aiEnabled(config) ? "AI (OpenAI Responses API)"
                : "guided mode (no OPENAI_API_KEY, or AI_ENABLED=false)";

        if (Boolean.parseBoolean(config.require(Setting.LOCAL_WORKER_ENABLED))) {
            Optional<Duration> timeout = config.get(Setting.LOCAL_WORKER_TIMEOUT_SECONDS)
                    .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds)));
            started(new LocalWorker(sqs, queueUrl, new WorkerHandler(system), timeout)).start();
        }
        startSweeper(new OutboxSweeperHandler(system));
        DailyTimer.parse(config.getAllowingEmpty(Setting.DAILY_RUN_AT)).ifPresent(at -> {
            DailyRunHandler daily = new DailyRunHandler(system);
            started(new DailyTimer(at, ZoneId.of(config.require(Setting.CLUB_TIME_ZONE)), clock,
                    () -> daily.handleRequest(null, null))).start();
        });
        http.mount("/", new ApiGatewayBridge(new ApiHandler(system)));
        if (simulated) {
            WhatsAppSimulator.mount(http.httpServer(), SimulatedTwilio.options(settings, baseUrl()),
                    new ParentRepository(new Jdbc(database)));
            whatsAppDescription = baseUrl() + "/simulator   (WhatsApp simulator: no TWILIO_ACCOUNT_SID is set)";
        } else {
            whatsAppDescription = "Twilio (TWILIO_ACCOUNT_SID is set): real WhatsApp messages are sent";
        }
        http.start();
        LOG.atInfo().addKeyValue("port", port).log("Local stack started");
    }

    private void startSweeper(OutboxSweeperHandler sweeper) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("outbox-sweeper").daemon().factory());
        timer.scheduleWithFixedDelay(() -> {
            try {
                sweeper.handleRequest(null, null);
            } catch (RuntimeException e) {
                LOG.atWarn().setCause(e).log("Outbox sweep failed; the next one retries");
            }
        }, SWEEP_EVERY.toSeconds(), SWEEP_EVERY.toSeconds(), TimeUnit.SECONDS);
        running.push(timer::shutdownNow);
    }

    /** Remembers what was started, so {@link #close()} stops it in reverse order. */
    private <T extends AutoCloseable> T started(T component) {
        running.push(component);
        return component;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public String apiKey() {
        return config.require(Setting.API_KEY);
    }

    public Config config() {
        return config;
    }

    void printBanner(PrintStream out) {
        out.printf("""

                Club registration local stack is running.
                  API          %s   (POST /trigger, GET /registrations)
                  API key      %s   (send it as the x-api-key header; set API_KEY to choose another)
                  Console      %s/console   (managers' web console; club admin %s, CLUB_ADMIN_TELS; code in the simulator)
                  PostgreSQL   %s
                  Queue        %s
                  WhatsApp     %s
                  Assistant    %s
                Press Ctrl-C to stop.

                """, baseUrl(), apiKey(), baseUrl(), config.require(Setting.CLUB_ADMIN_TELS), databaseDescription, queueDescription, whatsAppDescription,
                conversationDescription);
        out.flush();
    }

    /** Stops the HTTP server, then the daily timer, sweeper, worker, pool, queue and database. Safe to call twice. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (http != null) {
            http.close(); // first: no new requests while the rest stops
        }
        while (!running.isEmpty()) {
            AutoCloseable component = running.pop();
            try {
                component.close();
            } catch (Exception e) {
                LOG.atWarn().setCause(e).addKeyValue("component", component.getClass().getSimpleName())
                        .log("Could not stop cleanly");
            }
        }
        LOG.info("Local stack stopped");
        stopped.countDown();
    }
}
