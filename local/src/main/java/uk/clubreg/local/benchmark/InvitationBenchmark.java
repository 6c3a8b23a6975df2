package uk.clubreg.local.benchmark;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.clubreg.local.LocalStack;

/**
 * Measures POST /trigger through the local stack's HTTP path (invitations per second, latency p50/p99) and the
 * fresh-JVM cold path (process start to the first 2xx from /trigger) against a hello-world JVM, then rewrites the
 * invitations section of docs/benchmarks.md. Run by testing/benchmark-invitations.sh.
 */
public final class InvitationBenchmark {

    private static final int WARM_UP = 1_000;
    private static final int MEASURED = 4_000;
    private static final int CLIENTS = 8;
    private static final int COLD_RUNS = 5;
    private static final int BULK = 100;
    private static final int BULK_WARM_UP = 3;
    private static final int BULK_ROUNDS = 15;
    private static final Pattern POSTGRES = Pattern.compile("PostgreSQL\\s+(\\S+)");
    private static final Pattern QUEUE = Pattern.compile("Queue\\s+(\\S+).*SQS_ENDPOINT=(\\S+)\\)");

    private final Path workDirectory;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String runId = Long.toString(System.currentTimeMillis(), 36);

    private InvitationBenchmark(Path workDirectory) {
        this.workDirectory = workDirectory;
    }

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args.length > 0 ? args[0] : "docs/benchmarks.md");
        Path work = Files.createTempDirectory("invitation-benchmark");
        new InvitationBenchmark(work).run(report);
    }

    private void run(Path report) throws Exception {
        int port = freePort();
        Process stack = startStack(LocalStack.class, Map.of("PORT", Integer.toString(port),
                "LOCAL_DATA_DIR", workDirectory.resolve("data").toString(), "LOCAL_WORKER_ENABLED", "false"), "stack.log");
        try {
            String baseUrl = "http://localhost:" + port;
            awaitFirstInvitation(baseUrl, Duration.ofMinutes(2));
            Map<String, String> external = externalServices(Files.readString(workDirectory.resolve("stack.log")));

            System.out.printf("Warming up with %d invitations...%n", WARM_UP);
            fire(baseUrl, "warm", WARM_UP);
            System.out.printf("Measuring %d invitations with %d concurrent clients (JFR profile on)...%n", MEASURED, CLIENTS);
            Path profile = workDirectory.resolve("throughput.jfr");
            jcmd(stack, "JFR.start", "name=throughput", "settings=profile");
            Throughput sqs = throughput(baseUrl, "run");
            jcmd(stack, "JFR.stop", "name=throughput", "filename=" + profile);
            Map<String, Double> cpu = CpuProfile.shares(profile);
            System.out.printf("Throughput: %.0f invitations/s, p50 %.1f ms, p99 %.1f ms; profile %s%n",
                    sqs.perSecond(), sqs.p50(), sqs.p99(), cpu);

            Path bulkProfile = workDirectory.resolve("bulk.jfr");
            jcmd(stack, "JFR.start", "name=bulk", "settings=profile");
            Bulk bulk = bulkAgainstOne(baseUrl);
            jcmd(stack, "JFR.stop", "name=bulk", "filename=" + bulkProfile);
            Map<String, Double> bulkCpu = CpuProfile.shares(bulkProfile);
            System.out.printf("Bulk of %d: median %.0f ms; one invitation: median %.1f ms (%.1fx); profile %s%n", BULK,
                    bulk.bulk(), bulk.one(), bulk.bulk() / bulk.one(), bulkCpu);

            Throughput noQueue = noQueueThroughput(external);
            System.out.printf("No-op queue: %.0f invitations/s, p50 %.1f ms, p99 %.1f ms%n",
                    noQueue.perSecond(), noQueue.p50(), noQueue.p99());

            Path aotCache = workDirectory.resolve("local-stack.aot");
            System.out.println("Training the AOT cache with one cold start...");
            coldPathMillis(external, "aot-training.log", "-XX:AOTCacheOutput=" + aotCache);
            if (!Files.exists(aotCache)) {
                throw new IllegalStateException("The JVM wrote no AOT cache; see " + workDirectory.resolve("aot-training.log"));
            }
            List<Double> hello = new ArrayList<>();
            List<Double> plain = new ArrayList<>();
            List<Double> cached = new ArrayList<>();
            String coldLoad = BenchmarkReport.loadAverage();
            for (int i = 0; i < COLD_RUNS; i++) {
                hello.add(helloWorldMillis());
                plain.add(coldPathMillis(external, "cold-" + i + ".log"));
                cached.add(coldPathMillis(external, "cold-aot-" + i + ".log", "-XX:AOTCache=" + aotCache));
                System.out.printf("Cold run %d: hello-world %.0f ms, stack to first /trigger %.0f ms (AOT cache: %.0f ms)%n",
                        i + 1, hello.getLast(), plain.getLast(), cached.getLast());
            }
            Cold cold = new Cold(BenchmarkReport.median(hello), BenchmarkReport.median(plain), BenchmarkReport.median(cached), hello, plain, cached,
                    coldLoad + " → " + BenchmarkReport.loadAverage(), classesLoaded(external));
            System.out.printf("Cold path: %.0f ms (%.1fx hello-world %.0f ms); with the AOT cache %.0f ms (%.1fx); %d classes%n",
                    cold.plain(), cold.plain() / cold.hello(), cold.hello(), cold.cached(), cold.cached() / cold.hello(),
                    cold.classes());
            writeReport(report, sqs, cpu, bulk, bulkCpu, noQueue, cold);
        } finally {
            stop(stack);
        }
    }

    /** Throughput and latency of {@link #MEASURED} single invitations from {@link #CLIENTS} clients. */
    private record Throughput(double perSecond, double p50, double p99, String load) {}

    private Throughput throughput(String baseUrl, String phase) throws Exception {
        String loadBefore = BenchmarkReport.loadAverage();
        long started = System.nanoTime();
        List<Double> latencies = fire(baseUrl, phase, MEASURED);
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Throughput(MEASURED / seconds, BenchmarkReport.percentile(latencies, 50),
                BenchmarkReport.percentile(latencies, 99), loadBefore + " → " + BenchmarkReport.loadAverage());
    }

    /** The same stack code with jobs dropped instead of published: our own path without the SQS stand-in. */
    private Throughput noQueueThroughput(Map<String, String> external) throws Exception {
        int port = freePort();
        Map<String, String> environment = new HashMap<>(external);
        environment.put("PORT", Integer.toString(port));
        Process process = startStack(NoQueueStack.class, environment, "no-queue.log");
        try {
            String baseUrl = "http://localhost:" + port;
            awaitFirstInvitation(baseUrl, Duration.ofMinutes(1));
            System.out.printf("No-op queue: warming up with %d, measuring %d invitations...%n", WARM_UP, MEASURED);
            fire(baseUrl, "nqwarm", WARM_UP);
            return throughput(baseUrl, "nqrun");
        } finally {
            stop(process);
        }
    }

    /** Medians of bulk requests of {@link #BULK} new players and of single new invitations, alternated. */
    private record Bulk(double bulk, double one, List<Double> bulkRuns, List<Double> oneRuns, String load) {}

    private Bulk bulkAgainstOne(String baseUrl) throws Exception {
        List<Double> bulk = new ArrayList<>();
        List<Double> one = new ArrayList<>();
        String loadBefore = BenchmarkReport.loadAverage();
        for (int round = 0; round < BULK_WARM_UP + BULK_ROUNDS; round++) {
            StringBuilder squad = new StringBuilder("[");
            for (int i = 0; i < BULK; i++) {
                squad.append(i == 0 ? "" : ",").append(invitation("bulk" + round + "x", i));
            }
            long started = System.nanoTime();
            int status = post(baseUrl, squad.append("]").toString());
            double bulkMillis = (System.nanoTime() - started) / 1e6;
            started = System.nanoTime();
            int singleStatus = post(baseUrl, invitation("single", round));
            double oneMillis = (System.nanoTime() - started) / 1e6;
            if (status != 200 || singleStatus != 201) {
                throw new IllegalStateException("Bulk answered " + status + ", single " + singleStatus);
            }
            if (round >= BULK_WARM_UP) {
                bulk.add(bulkMillis);
                one.add(oneMillis);
            }
        }
        return new Bulk(BenchmarkReport.median(bulk), BenchmarkReport.median(one), bulk, one, loadBefore + " → " + BenchmarkReport.loadAverage());
    }

    private void jcmd(Process process, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(process.pid())));
        line.addAll(List.of(command));
        Process jcmd = new ProcessBuilder(line).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDirectory.resolve("jcmd.log").toFile())).start();
        if (jcmd.waitFor() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed; see jcmd.log");
        }
    }

    /** Classes loaded by a fresh plain JVM up to its first /trigger answer, read from -Xlog:class+load. */
    private long classesLoaded(Map<String, String> external) throws Exception {
        Path log = workDirectory.resolve("class-load.log");
        coldPathMillis(external, "cold-class-load.log", "-Xlog:class+load=info:file=" + log);
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("source:")).count();
        }
    }

    /** Distinct players: parents cycle through the 1,000 drama numbers, so most have a few children. */
    private List<Double> fire(String baseUrl, String phase, int count) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>(count));
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        long sent = System.nanoTime();
                        int status = post(baseUrl, invitation(phase, i));
                        if (status != 201) {
                            throw new IllegalStateException("Invitation " + i + " answered " + status);
                        }
                        latencies.add((System.nanoTime() - sent) / 1e6);
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        }
        return latencies;
    }

    private String invitation(String phase, int i) {
        return """
                {"player_first_name": "P%s%s%d", "player_last_name": "Bench", "parent_tel": "07700 900%03d",
                 "team_name": "Benchmark", "age_group": "U11", "membership_fee_amount": 40}"""
                .formatted(phase, runId, i, i % 1000);
    }

    private int post(String baseUrl, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/trigger"))
                .header("Content-Type", "application/json")
                .header("x-api-key", LocalStack.DEVELOPMENT_API_KEY)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** A fresh JVM running the stack against the running database and queue, until /trigger first answers 2xx. */
    private double coldPathMillis(Map<String, String> external, String logName, String... jvmOptions)
            throws Exception {
        int port = freePort();
        Map<String, String> environment = new HashMap<>(external);
        environment.put("PORT", Integer.toString(port));
        environment.put("LOCAL_WORKER_ENABLED", "false");
        long started = System.nanoTime();
        Process process = startStack(LocalStack.class, environment, logName, jvmOptions);
        try {
            awaitFirstInvitation("http://localhost:" + port, Duration.ofMinutes(1));
            return (System.nanoTime() - started) / 1e6;
        } finally {
            stop(process);
        }
    }

    private double helloWorldMillis() throws Exception {
        long started = System.nanoTime();
        Process process = new ProcessBuilder(java(), "-cp", ownClasses(), HelloWorld.class.getName())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("hello-world JVM failed");
        }
        return (System.nanoTime() - started) / 1e6;
    }

    private void awaitFirstInvitation(String baseUrl, Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        String json = invitation("cold", (int) (System.nanoTime() & 0x3fffffff));
        while (System.nanoTime() < deadline) {
            try {
                int status = post(baseUrl, json);
                if (status / 100 == 2) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the process is still starting
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("No 2xx from " + baseUrl + "/trigger within " + patience);
    }

    private Process startStack(Class<?> main, Map<String, String> environment, String logName, String... jvmOptions)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "--sun-misc-unsafe-memory-access=allow"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(workDirectory.resolve(logName).toFile());
        builder.environment().keySet().removeIf(name -> name.equals("DATABASE_URL") || name.equals("QUEUE_URL")
                || name.equals("SQS_ENDPOINT") || name.equals("API_KEY"));
        builder.environment().putAll(environment);
        return builder.start();
    }

    private static Map<String, String> externalServices(String banner) {
        Matcher postgres = POSTGRES.matcher(banner);
        Matcher queue = QUEUE.matcher(banner);
        if (!postgres.find() || !queue.find()) {
            throw new IllegalStateException("Could not read the database and queue URLs from the stack's banner");
        }
        return Map.of("DATABASE_URL", postgres.group(1), "QUEUE_URL", queue.group(1), "SQS_ENDPOINT", queue.group(2));
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy(); // SIGTERM: the stack's shutdown hook stops it cleanly
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    /** Medians of the cold-path runs, and every run. */
    private record Cold(double hello, double plain, double cached, List<Double> helloRuns, List<Double> plainRuns,
                        List<Double> cachedRuns, String load, long classes) {}

    private void writeReport(Path report, Throughput sqs, Map<String, Double> cpu, Bulk bulk,
                             Map<String, Double> bulkCpu, Throughput noQueue, Cold cold) throws IOException {
        String body = """
                ## Invitations: `POST /trigger` through the local stack

                Reproduce: `testing/benchmark-invitations.sh` (about four minutes; it builds, starts its own stack on
                free ports with a fresh embedded database, and rewrites this section). Measured %s.

                | Figure | Result | Same-run baseline | Target |
                |---|---|---|---|
                | Invitations per second through the stack with ElasticMQ (%d new players, %d concurrent clients, after %d warm-up; load %s) | **%.0f /s** (p50 %.1f ms, p99 %.1f ms) | | ≥ 500 /s — %s |
                | Invitations per second, same stack code with a no-op queue (load %s) | **%.0f /s** (p50 %.1f ms, p99 %.1f ms) | %.1f× the ElasticMQ run | ≥ 1,000 /s — %s |
                | Bulk `/trigger` of %d new invitations, median of %d (load %s) | **%.0f ms** | one invitation, alternated with it: median %.1f ms (**%.1f×**) | ≤ 10× one — %s |
                | Cold path, plain JVM: fresh JVM → first `/trigger` 2xx, median of %d (load %s) | **%.0f ms = %.1f×** | hello-world JVM, median %.0f ms | ≤ 20× — %s |
                | Cold path with a JDK AOT cache (`-XX:AOTCache`, JEP 483/514), median of %d | **%.0f ms = %.1f×** | the same hello-world | ≤ 8× — %s |
                | Classes loaded up to the first `/trigger` answer (`-Xlog:class+load`, plain JVM) | %d | | |

                Where the stack's CPU went (JFR `profile` settings; each execution sample counted for the first frame
                from the top of its stack that belongs to a part), during the ElasticMQ throughput run (%.0f samples)
                and during the bulk rounds, single invitations included (%.0f samples):

                | Part | Throughput run | Bulk rounds |
                |---|---|---|
                %s

                What is measured:
                - Throughput and latency: real HTTP over loopback to the local stack (JDK HTTP server → API Gateway
                  event → `ApiHandler` → PostgreSQL transaction with the outbox row → SQS publish to ElasticMQ), the
                  load generator on the same machine. Every request is a new player (201). Logging is on (JSON lines to
                  a file), as in production. The worker is off: this measures the API, and its jobs stay on the queue.
                  The no-op run is `NoQueueStack`: the same stack code and database, with jobs dropped instead of
                  published (the outbox rows are still written and marked published).
                - Bulk: one request of %d new players (one transaction, jobs published with `SendMessageBatch`, 10 a
                  call) against one request of one new player, alternated on the same warm stack.
                - Cold path: a new `java` process running `uk.clubreg.local.LocalStack` with `DATABASE_URL`,
                  `QUEUE_URL` and `SQS_ENDPOINT` pointing at the already running PostgreSQL and ElasticMQ (in AWS they
                  are external services too). Included: JVM start, class loading, configuration, HikariCP, Flyway's
                  check of the already-migrated schema, the SQS client, the HTTP server, and the first invitation.
                  The AOT cache is trained in the same run by one cold start with `-XX:AOTCacheOutput` (JDK 25); it is
                  the local counterpart of Lambda SnapStart. The plain JVM has no start-up tuning at all.
                - Runs, ms: hello-world %s; plain %s; AOT cache %s; bulk %s; one %s.
                """.formatted(BenchmarkReport.provenance(),
                MEASURED, CLIENTS, WARM_UP, sqs.load(), sqs.perSecond(), sqs.p50(), sqs.p99(),
                sqs.perSecond() >= 500 ? "met" : "**missed**",
                noQueue.load(), noQueue.perSecond(), noQueue.p50(), noQueue.p99(), noQueue.perSecond() / sqs.perSecond(),
                noQueue.perSecond() >= 1000 ? "met" : "**missed**",
                BULK, BULK_ROUNDS, bulk.load(), bulk.bulk(), bulk.one(), bulk.bulk() / bulk.one(),
                bulk.bulk() <= 10 * bulk.one() ? "met" : "**missed**",
                COLD_RUNS, cold.load(), cold.plain(), cold.plain() / cold.hello(), cold.hello(),
                cold.plain() <= 20 * cold.hello() ? "met" : "**missed**",
                COLD_RUNS, cold.cached(), cold.cached() / cold.hello(),
                cold.cached() <= 8 * cold.hello() ? "met" : "**missed**", cold.classes(),
                cpu.get("(samples)"), bulkCpu.get("(samples)"), profileTable(cpu, bulkCpu), BULK,
                BenchmarkReport.rounded(cold.helloRuns()), BenchmarkReport.rounded(cold.plainRuns()),
                BenchmarkReport.rounded(cold.cachedRuns()), BenchmarkReport.rounded(bulk.bulkRuns()),
                BenchmarkReport.rounded(bulk.oneRuns()));
        BenchmarkReport.writeSection(report, "invitations", body);
    }

    /** One row a part, in the throughput run's order; parts are the same in both (CpuProfile). */
    private static String profileTable(Map<String, Double> throughput, Map<String, Double> bulk) {
        StringBuilder table = new StringBuilder();
        throughput.forEach((part, share) -> {
            if (!part.equals("(samples)")) {
                table.append("| %s | %.0f%% | %.0f%% |\n".formatted(part, share, bulk.getOrDefault(part, 0.0)));
            }
        });
        bulk.forEach((part, share) -> {
            if (!part.equals("(samples)") && !throughput.containsKey(part)) {
                table.append("| %s | 0%% | %.0f%% |\n".formatted(part, share));
            }
        });
        return table.toString().strip();
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Only this module's classes: the hello-world JVM gets a one-entry class path. */
    private static String ownClasses() {
        return Path.of(HelloWorld.class.getProtectionDomain().getCodeSource().getLocation().getPath()).toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
