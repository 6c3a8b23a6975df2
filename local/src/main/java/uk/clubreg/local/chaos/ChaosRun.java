package uk.clubreg.local.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import uk.clubreg.config.Setting;
import uk.clubreg.jobs.sqs.SqsJobQueue;
import uk.clubreg.local.LocalPostgres;
import uk.clubreg.local.LocalQueue;
import uk.clubreg.local.LocalStack;
import uk.clubreg.local.SimulatedTwilio;
import uk.clubreg.local.benchmark.BenchmarkReport;
import uk.clubreg.persistence.Database;

/**
 * The chaos suite (docs/reliability.md): the local stack, its worker in a JVM of its own, against a Twilio and an
 * OpenAI that fail on demand, a queue that goes away, a database that restarts and a worker killed mid-turn; parents
 * whose every message is delivered three times and whose status callbacks come out of order. It then checks the
 * invariants against the database and the fakes' logs. Run by testing/chaos/run.sh (full) and ChaosSuiteIT (short).
 */
public final class ChaosRun {

    /** How big a run is: parents, pacing, and how long each fault lasts. */
    public record Scale(String name, int guidedParents, int aiParents, int messagesPerParent, Duration spread,
                        Duration maxGap, int twilioBurst, Duration queueOutage, Duration aiOutagePerKind,
                        Duration databaseDown, int holdingAfterSeconds, int visibilitySeconds,
                        Duration settleWithin, boolean holdingMustFallDue) {

        public static final Scale FULL = new Scale("full", 160, 40, 5, Duration.ofSeconds(40), Duration.ofSeconds(3),
                15, Duration.ofSeconds(30), Duration.ofSeconds(15), Duration.ofSeconds(10), 10, 20,
                Duration.ofMinutes(10), true);
        /**
         * Whether any of its 4 AI-mode parents is still waiting when a retry falls in the outage depends on the
         * machine's load, so the short run checks only that none gets two holding messages.
         */
        public static final Scale SHORT = new Scale("short", 16, 4, 5, Duration.ofSeconds(6), Duration.ofMillis(1_500),
                2, Duration.ofSeconds(8), Duration.ofSeconds(8), Duration.ofSeconds(6), 5, 15, Duration.ofMinutes(3),
                false);

        int parents() {
            return guidedParents + aiParents;
        }
    }

    /** One invariant: what it says, its figure, and whether it holds. */
    public record Invariant(String name, String figure, boolean holds) {}

    /** What a run did and found. */
    public record Report(Scale scale, List<String> faults, List<String> traffic, List<Invariant> invariants,
                         Duration took, String load) {

        public boolean holds() {
            return invariants.stream().allMatch(Invariant::holds);
        }

        String text() {
            StringBuilder text = new StringBuilder();
            text.append("Chaos run (").append(scale.name()).append("): ").append(took.toSeconds()).append(" s, load ")
                    .append(load).append('\n');
            faults.forEach(f -> text.append("  fault: ").append(f).append('\n'));
            traffic.forEach(t -> text.append("  traffic: ").append(t).append('\n'));
            invariants.forEach(i -> text.append(i.holds() ? "  HOLDS  " : "  BROKEN ").append(i.name()).append(": ")
                    .append(i.figure()).append('\n'));
            return text.toString();
        }
    }

    private static final String TEAM = "Chaos Rovers";
    /** Test numbers only (+44 7700 900000–900999): these parents are 900300 onwards. */
    private static final int FIRST_PHONE = 900300;
    private static final int WORKER_TIMEOUT_SECONDS = 25;
    private static final List<String> GUIDED_MESSAGES = List.of("Yes", "No", "14/05/2016", "None", "Jordan Taylor");
    private static final List<String> AI_MESSAGES = List.of("Hello", "Yes, we'd like to register",
            "Born 14 May 2016", "No allergies", "Medium kit please");

    private final Scale scale;
    private final PrintStream log;
    private final List<String> faults = new ArrayList<>();
    private final long startedAt = System.nanoTime();

    private ChaosRun(Scale scale, PrintStream log) {
        this.scale = scale;
        this.log = log;
    }

    /** testing/chaos/run.sh: {@code full|short [report]}; rewrites the run's section of the report; exit 1 if broken. */
    public static void main(String[] args) throws Exception {
        Scale scale = args.length > 0 && args[0].equals("short") ? Scale.SHORT : Scale.FULL;
        Report report = run(scale, System.out);
        System.out.print(report.text());
        if (args.length > 1) {
            BenchmarkReport.writeSection(Path.of(args[1]), "chaos-" + scale.name(), ReliabilityReport.section(report));
        }
        System.exit(report.holds() ? 0 : 1);
    }

    public static Report run(Scale scale, PrintStream log) throws Exception {
        return new ChaosRun(scale, log).run();
    }

    private Report run() throws Exception {
        String loadBefore = BenchmarkReport.loadAverage();
        Path data = Files.createTempDirectory("chaos-" + scale.name());
        AtomicReference<LocalPostgres> postgres = new AtomicReference<>(LocalPostgres.start(data.resolve("postgres")));
        try (LocalQueue queue = LocalQueue.start(scale.visibilitySeconds());
             BlockableProxy queueProxy = BlockableProxy.start(new InetSocketAddress("127.0.0.1",
                     URI.create(queue.endpoint()).getPort()));
             FaultyOpenAi openAi = FaultyOpenAi.start(Duration.ofSeconds(WORKER_TIMEOUT_SECONDS))) {
            int port = freePort();
            String baseUrl = "http://localhost:" + port;
            Map<String, String> settings = settings(postgres.get(), queue, queueProxy, baseUrl);
            try (FaultyTwilio twilio = FaultyTwilio.start(settings.get(Setting.TWILIO_AUTH_TOKEN.name()))) {
                settings.put(Setting.TWILIO_API_BASE_URL.name(), twilio.baseUrl());
                Map<String, String> api = new HashMap<>(settings);
                api.put(Setting.PORT.name(), Integer.toString(port));
                api.put(Setting.LOCAL_WORKER_ENABLED.name(), "false");
                ParentTraffic traffic = new ParentTraffic(baseUrl, baseUrl,
                        settings.get(Setting.TWILIO_AUTH_TOKEN.name()),
                        settings.get(Setting.TWILIO_WHATSAPP_FROM.name()).replace("whatsapp:", ""));
                try (LocalStack stack = LocalStack.start(api);
                     Database database = Database.connect(postgres.get().jdbcUrl(), 2);
                     SqsClient sqs = SqsJobQueue.client(queue.endpoint())) {
                    OutcomeRepository outcomes = new OutcomeRepository(database);
                    invite(stack);
                    guidedPhase(settings, twilio, queueProxy, postgres, traffic, outcomes, sqs, queue);
                    aiPhase(settings, openAi, traffic, outcomes, sqs, queue);
                    List<Invariant> invariants = new Invariants(phones(), traffic, twilio, outcomes,
                            deadLetters(sqs), scale).check();
                    List<String> counts = trafficFigures(traffic, twilio, openAi);
                    return new Report(scale, List.copyOf(faults), counts, invariants,
                            Duration.ofNanos(System.nanoTime() - startedAt),
                            loadBefore + " → " + BenchmarkReport.loadAverage());
                }
            }
        } finally {
            postgres.get().close();
        }
    }

    private Map<String, String> settings(LocalPostgres postgres, LocalQueue queue, BlockableProxy proxy, String baseUrl) {
        Map<String, String> settings = new HashMap<>();
        SimulatedTwilio.configure(settings, baseUrl);
        String proxied = "http://127.0.0.1:" + proxy.port();
        settings.put(Setting.DATABASE_URL.name(), postgres.jdbcUrl());
        settings.put(Setting.SQS_ENDPOINT.name(), proxied);
        settings.put(Setting.QUEUE_URL.name(), queue.queueUrl().replace(queue.endpoint(), proxied));
        settings.put(Setting.PUBLIC_BASE_URL.name(), baseUrl);
        settings.put(Setting.API_KEY.name(), LocalStack.DEVELOPMENT_API_KEY);
        settings.put(Setting.DETAILS_ENCRYPTION_KEYS.name(), "chaos-run-details-key-not-for-real-data-0123456789");
        settings.put(Setting.CLUB_ADMIN_TELS.name(), LocalStack.DEMO_CLUB_ADMIN);
        settings.put(Setting.DAILY_RUN_AT.name(), "none");
        settings.put(Setting.OUTBOX_SWEEP_AFTER_SECONDS.name(), "5");
        settings.put(Setting.AI_HOLDING_AFTER_SECONDS.name(), Integer.toString(scale.holdingAfterSeconds()));
        settings.put(Setting.LOCAL_WORKER_TIMEOUT_SECONDS.name(), Integer.toString(WORKER_TIMEOUT_SECONDS));
        settings.put(Setting.OPENAI_MAX_RETRIES.name(), "1");
        settings.put(Setting.LOG_LEVEL.name(), "WARN");
        return settings;
    }

    /** Twilio 5xx, 429 and 401 bursts, PostgreSQL restarted, the queue away: while guided parents write. */
    private void guidedPhase(Map<String, String> settings, FaultyTwilio twilio, BlockableProxy queueProxy,
                             AtomicReference<LocalPostgres> postgres, ParentTraffic traffic, OutcomeRepository outcomes,
                             SqsClient sqs, LocalQueue queue) throws Exception {
        try (WorkerProcess worker = worker(settings, false)) {
            List<Thread> parents = parents(traffic, 0, scale.guidedParents(), GUIDED_MESSAGES);
            long spread = scale.spread().toMillis();
            at(spread / 16, "Twilio answers " + scale.twilioBurst() + " sends 500", () -> twilio.failNext(scale.twilioBurst(), 500));
            at(spread / 8, "Twilio answers " + scale.twilioBurst() + " sends 429", () -> twilio.failNext(scale.twilioBurst(), 429));
            at(spread * 3 / 16, "Twilio answers " + scale.twilioBurst() + " sends 401", () -> twilio.failNext(scale.twilioBurst(), 401));
            long databaseAt = spread * 3 / 8;
            at(databaseAt, "PostgreSQL stopped, started again after " + scale.databaseDown().toSeconds() + " s",
                    () -> postgres.set(postgres.get().restartedAfter(scale.databaseDown())));
            // Not while the database is down, nor while a webhook still waits for it (the pool waits 5 s): then
            // Twilio's Fallback URL (the queue) is all that keeps a message.
            at(databaseAt + scale.databaseDown().toMillis() + 8_000, "the queue unreachable for "
                    + scale.queueOutage().toSeconds() + " s", () -> {
                queueProxy.block();
                Thread.sleep(scale.queueOutage());
                queueProxy.unblock();
            });
            joinAll(parents);
            settle(outcomes, sqs, queue, "guided");
        }
    }

    /** OpenAI 5xx, timeouts and answers slower than the turn's deadline, and the worker killed mid-turn. */
    private void aiPhase(Map<String, String> settings, FaultyOpenAi openAi, ParentTraffic traffic,
                         OutcomeRepository outcomes, SqsClient sqs, LocalQueue queue) throws Exception {
        settings.put(Setting.OPENAI_API_KEY.name(), "chaos-run-key");
        settings.put(Setting.OPENAI_BASE_URL.name(), openAi.baseUrl());
        AtomicReference<WorkerProcess> worker = new AtomicReference<>(worker(settings, true));
        try {
            CountDownLatch held = openAi.holdNextRequest();
            List<Thread> parents = parents(traffic, scale.guidedParents(), scale.aiParents(), AI_MESSAGES);
            if (!held.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("No turn reached OpenAI within 60 s");
            }
            worker.get().kill();
            openAi.releaseHeld();
            fault("the worker killed (SIGKILL) while its turn waited for OpenAI");
            // The outage starts now and lasts past a retry of the fresh worker, so holding messages fall due in it.
            openAi.set(FaultyOpenAi.Fault.SERVER_ERROR);
            fault("OpenAI answers 500 while a fresh worker starts, then for " + scale.aiOutagePerKind().toSeconds() + " s");
            worker.set(worker(settings, true));
            ParentTraffic.sleep(scale.aiOutagePerKind());
            for (FaultyOpenAi.Fault kind : List.of(FaultyOpenAi.Fault.TIMEOUT, FaultyOpenAi.Fault.SLOWER_THAN_THE_DEADLINE)) {
                fault("OpenAI " + kind.name().toLowerCase().replace('_', ' ') + " for "
                        + scale.aiOutagePerKind().toSeconds() + " s");
                openAi.set(kind);
                ParentTraffic.sleep(scale.aiOutagePerKind());
            }
            openAi.set(FaultyOpenAi.Fault.NONE);
            fault("OpenAI back");
            joinAll(parents);
            settle(outcomes, sqs, queue, "AI");
        } finally {
            worker.get().close();
        }
    }

    private WorkerProcess worker(Map<String, String> settings, boolean ai) throws IOException, InterruptedException {
        Map<String, String> environment = new HashMap<>(settings);
        environment.put(Setting.PORT.name(), "0");
        environment.put(Setting.AI_ENABLED.name(), Boolean.toString(ai));
        return WorkerProcess.start(environment, log);
    }

    private List<Thread> parents(ParentTraffic traffic, int from, int count, List<String> messages) {
        return IntStream.range(from, from + count).mapToObj(i -> {
            List<String> texts = new ArrayList<>(messages.subList(0, scale.messagesPerParent()));
            if (i % 10 == 3) {
                texts.set(2, "STOP"); // some parents opt out mid-run, and write again after it
            }
            Duration start = Duration.ofMillis((long) (Math.random() * scale.spread().toMillis()));
            return Thread.startVirtualThread(() -> traffic.converse(phone(i), texts, start, scale.maxGap()));
        }).toList();
    }

    /** What a fault does; it may wait (an outage's length). */
    private interface Fault {
        void inject() throws InterruptedException;
    }

    /** Runs {@code fault} on its own thread {@code afterMillis} from now, and notes it. */
    private void at(long afterMillis, String description, Fault fault) {
        Thread.startVirtualThread(() -> {
            ParentTraffic.sleep(Duration.ofMillis(afterMillis));
            fault(description);
            try {
                fault.inject();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private synchronized void fault(String description) {
        faults.add("%.0f s: %s".formatted((System.nanoTime() - startedAt) / 1e9, description));
    }

    /** Waits until nothing is left to do: queue empty, outbox published, no message unanswered or in flight. */
    private void settle(OutcomeRepository outcomes, SqsClient sqs, LocalQueue queue, String phase) {
        long deadline = System.nanoTime() + scale.settleWithin().toNanos();
        int quiet = 0;
        Optional<Instant> last = Optional.empty();
        while (System.nanoTime() < deadline && quiet < 3) {
            ParentTraffic.sleep(Duration.ofSeconds(1));
            try {
                Optional<Instant> now = outcomes.lastChange();
                boolean idle = queueDepth(sqs, queue.queueUrl()) == 0 && outcomes.unpublishedJobs() == 0
                        && outcomes.registrations(phones()).stream()
                                .allMatch(r -> r.unansweredMessages() == 0 && r.sendsInFlight() == 0)
                        && now.equals(last);
                quiet = idle ? quiet + 1 : 0;
                last = now;
            } catch (RuntimeException e) {
                quiet = 0; // the database or the queue is still coming back
            }
        }
        faults.add("%.0f s: %s phase settled%s".formatted((System.nanoTime() - startedAt) / 1e9, phase,
                quiet < 3 ? " NOT (gave up after " + scale.settleWithin().toSeconds() + " s)" : ""));
    }

    private static int queueDepth(SqsClient sqs, String queueUrl) {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return attributes.values().stream().mapToInt(Integer::parseInt).sum();
    }

    private static int deadLetters(SqsClient sqs) {
        String url = sqs.getQueueUrl(r -> r.queueName(LocalQueue.DEAD_LETTER_QUEUE_NAME)).queueUrl();
        return queueDepth(sqs, url);
    }

    private List<String> trafficFigures(ParentTraffic traffic, FaultyTwilio twilio, FaultyOpenAi openAi) {
        return List.of(
                "%d parents (%d guided, %d AI) × %d messages = %d messages; %d webhook deliveries (each message %d×)"
                        .formatted(scale.parents(), scale.guidedParents(), scale.aiParents(),
                                scale.messagesPerParent(), traffic.posted().size(), traffic.deliveries(),
                                ParentTraffic.DELIVERIES),
                "%d deliveries refused by /webhook, %d of them taken by /webhook-fallback"
                        .formatted(traffic.webhookRefused(), traffic.viaFallback()),
                "%d sends accepted by the fake Twilio, refused: %s".formatted(twilio.accepted().size(), twilio.refused()),
                "%d status callbacks, orders %s; %d sends with a callback refused"
                        .formatted(twilio.callbacksPosted(), twilio.orders(), twilio.callbacksRefused().size()),
                "OpenAI response requests by fault: %s".formatted(openAi.answered()));
    }

    /** One bulk /trigger per 100 players, every parent one child, before any parent writes. */
    private void invite(LocalStack stack) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        for (int from = 0; from < scale.parents(); from += 100) {
            String squad = IntStream.range(from, Math.min(scale.parents(), from + 100)).mapToObj(i -> """
                    {"player_first_name": "Robin", "player_last_name": "Chaos", "parent_tel": "%s",
                     "parent_first_name": "Jordan", "team_name": "%s", "age_group": "U11"}""".formatted(phone(i), TEAM))
                    .collect(Collectors.joining(",", "[", "]"));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/trigger"))
                    .header("Content-Type", "application/json").header("x-api-key", stack.apiKey())
                    .POST(HttpRequest.BodyPublishers.ofString(squad)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Bulk /trigger answered " + response.statusCode());
            }
        }
    }

    private List<String> phones() {
        return IntStream.range(0, scale.parents()).mapToObj(ChaosRun::phone).toList();
    }

    static String phone(int parent) {
        return "+447700" + (FIRST_PHONE + parent);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
    }

    static <T> Map<T, Long> counted(List<T> values) {
        return values.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
}
