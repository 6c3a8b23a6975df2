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
import uk.clubreg.local.LocalApi;
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
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final int COLD_RUNS = 5;
    private static final int BULK = 100;
    private static final int BULK_WARM_UP = 3;
    private static final int BULK_ROUNDS = 15;
    private static final Pattern POSTGRES = Pattern.compile("PostgreSQL\\s+(\\S+)");
    private static final Pattern QUEUE = Pattern.compile("Queue\\s+(\\S+).*SQS_ENDPOINT=(\\S+)\\)");
    /**
     * The JVM options the API function runs with in AWS (infra JavaFunction.JAVA_TOOL_OPTIONS; JavaFunctionTest
     * keeps them equal), given to the cold runs and their hello-world the same way, through the environment.
     */
    static final String LAMBDA_JAVA_TOOL_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

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
                "LOCAL_DATA_DIR", workDirectory.resolve("data").toString(), "LOCAL_WORKER_ENABLED", "false",
                "DB_POOL_SIZE", Integer.toString(CLIENTS)), "stack.log");
        try {
            String baseUrl = "http://localhost:" + port;
            awaitFirstInvitation(baseUrl, Duration.ofMinutes(2));
            Map<String, String> external = externalServices(Files.readString(workDirectory.resolve("stack.log")));

            System.out.printf("Warming up with %d invitations...%n", WARM_UP);
            fire(baseUrl, "warm", WARM_UP);
            System.out.printf("Measuring %d invitations with %d concurrent clients (JFR profile on)...%n", MEASURED, CLIENTS);
            Path profile = workDirectory.resolve("throughput.jfr");
            jcmd(stack, "JFR.start", "name=throughput", "settings=profile");
            Throughput sqs = throughput(baseUrl, "run", stack);
            jcmd(stack, "JFR.stop", "name=throughput", "filename=" + profile);
            Map<String, Double> cpu = CpuProfile.shares(profile);
            System.out.printf("Throughput: %.0f invitations/s, p50 %.1f ms, p99 %.1f ms; CPU ms per invitation: stack %.2f,"
                            + " PostgreSQL %.2f, load generator %.2f; profile %s%n", sqs.perSecond(), sqs.p50(), sqs.p99(),
                    sqs.stackCpu(), sqs.postgresCpu(), sqs.clientCpu(), cpu);

            Path bulkProfile = workDirectory.resolve("bulk.jfr");
            jcmd(stack, "JFR.start", "name=bulk", "settings=profile");
            Bulk bulk = bulkAgainstOne(baseUrl);
            jcmd(stack, "JFR.stop", "name=bulk", "filename=" + bulkProfile);
            Map<String, Double> bulkCpu = CpuProfile.shares(bulkProfile);
            System.out.printf("Bulk of %d: median %.0f ms; one invitation: median %.1f ms (%.1fx); profile %s%n", BULK,
                    bulk.bulk(), bulk.one(), bulk.bulk() / bulk.one(), bulkCpu);

            Throughput noQueue = noQueueThroughput(external);
            System.out.printf("No-op queue: %.0f invitations/s, p50 %.1f ms, p99 %.1f ms; CPU ms per invitation: stack %.2f,"
                            + " PostgreSQL %.2f, load generator %.2f%n", noQueue.perSecond(), noQueue.p50(), noQueue.p99(),
                    noQueue.stackCpu(), noQueue.postgresCpu(), noQueue.clientCpu());

            Path aotCache = workDirectory.resolve("local-api.aot");
            System.out.println("Training the AOT cache with one cold start...");
            coldPathMillis(external, "aot-training.log", true, "-XX:AOTCacheOutput=" + aotCache);
            if (!Files.exists(aotCache)) {
                throw new IllegalStateException("The JVM wrote no AOT cache; see " + workDirectory.resolve("aot-training.log"));
            }
            List<Double> hello = new ArrayList<>();
            List<Double> plain = new ArrayList<>();
            List<Double> cached = new ArrayList<>();
            List<Double> bareHello = new ArrayList<>();
            List<Double> bare = new ArrayList<>();
            String coldLoad = BenchmarkReport.loadAverage();
            for (int i = 0; i < COLD_RUNS; i++) {
                hello.add(helloWorldMillis(true));
                plain.add(coldPathMillis(external, "cold-" + i + ".log", true));
                cached.add(coldPathMillis(external, "cold-aot-" + i + ".log", true, "-XX:AOTCache=" + aotCache));
                bareHello.add(helloWorldMillis(false));
                bare.add(coldPathMillis(external, "cold-bare-" + i + ".log", false));
                System.out.printf("Cold run %d: hello-world %.0f ms, API to first /trigger %.0f ms (AOT cache: %.0f ms);"
                                + " without the Lambda options: hello-world %.0f ms, API %.0f ms%n",
                        i + 1, hello.getLast(), plain.getLast(), cached.getLast(), bareHello.getLast(), bare.getLast());
            }
            Cold cold = new Cold(BenchmarkReport.median(hello), BenchmarkReport.median(plain), BenchmarkReport.median(cached),
                    BenchmarkReport.median(bareHello), BenchmarkReport.median(bare), hello, plain, cached, bareHello, bare,
                    coldLoad + " → " + BenchmarkReport.loadAverage(), classesLoaded(external), coldProfile(external));
            System.out.printf("Cold path: %.0f ms (%.1fx hello-world %.0f ms); with the AOT cache %.0f ms (%.1fx);"
                            + " without the Lambda options %.0f ms (%.1fx hello-world %.0f ms); %d classes%n",
                    cold.plain(), cold.plain() / cold.hello(), cold.hello(), cold.cached(), cold.cached() / cold.hello(),
                    cold.bare(), cold.bare() / cold.bareHello(), cold.bareHello(), cold.classes());
            writeReport(report, sqs, cpu, bulk, bulkCpu, noQueue, cold);
        } finally {
            stop(stack);
        }
    }

    /**
     * Throughput and latency of {@link #MEASURED} single invitations from {@link #CLIENTS} clients, and the CPU
     * milliseconds each invitation cost the stack's process, PostgreSQL and this load generator.
     */
    private record Throughput(double perSecond, double p50, double p99, String load, double stackCpu,
                              double postgresCpu, double clientCpu) {
        double totalCpu() {
            return stackCpu + postgresCpu + clientCpu;
        }
    }

    private Throughput throughput(String baseUrl, String phase, Process stack) throws Exception {
        ProcessHandle postgres = ProcessCpu.postgres(workDirectory.resolve("data"))
                .orElseThrow(() -> new IllegalStateException("The stack's PostgreSQL process was not found"));
        String loadBefore = BenchmarkReport.loadAverage();
        double stackBefore = ProcessCpu.seconds(stack.toHandle());
        double postgresBefore = ProcessCpu.withChildren(postgres);
        double clientBefore = ProcessCpu.seconds(ProcessHandle.current());
        long started = System.nanoTime();
        List<Double> latencies = fire(baseUrl, phase, MEASURED);
        double seconds = (System.nanoTime() - started) / 1e9;
        double perInvitation = 1000.0 / MEASURED;
        return new Throughput(MEASURED / seconds, BenchmarkReport.percentile(latencies, 50),
                BenchmarkReport.percentile(latencies, 99), loadBefore + " → " + BenchmarkReport.loadAverage(),
                (ProcessCpu.seconds(stack.toHandle()) - stackBefore) * perInvitation,
                (ProcessCpu.withChildren(postgres) - postgresBefore) * perInvitation,
                (ProcessCpu.seconds(ProcessHandle.current()) - clientBefore) * perInvitation);
    }

    /** The same stack code with jobs dropped instead of published: our own path without the SQS stand-in. */
    private Throughput noQueueThroughput(Map<String, String> external) throws Exception {
        int port = freePort();
        Map<String, String> environment = new HashMap<>(external);
        environment.put("PORT", Integer.toString(port));
        environment.put("DB_POOL_SIZE", Integer.toString(CLIENTS));
        Process process = startStack(NoQueueStack.class, environment, "no-queue.log");
        try {
            String baseUrl = "http://localhost:" + port;
            awaitFirstInvitation(baseUrl, Duration.ofMinutes(1));
            System.out.printf("No-op queue: warming up with %d, measuring %d invitations...%n", WARM_UP, MEASURED);
            fire(baseUrl, "nqwarm", WARM_UP);
            return throughput(baseUrl, "nqrun", process);
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

    /** Classes loaded by a fresh API process (no AOT cache) up to its first /trigger answer, from -Xlog:class+load. */
    private long classesLoaded(Map<String, String> external) throws Exception {
        Path log = workDirectory.resolve("class-load.log");
        coldPathMillis(external, "cold-class-load.log", true, "-Xlog:class+load=info:file=" + log);
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains("source:")).count();
        }
    }

    /**
     * Where a fresh API process's CPU went up to its first /trigger answer: one more cold start (Lambda options, no
     * AOT cache) with JFR sampling every millisecond, each sample counted for the part that was running (CpuProfile);
     * class loading counts for the part that asked for the class.
     */
    private Map<String, Double> coldProfile(Map<String, String> external) throws Exception {
        Path recording = workDirectory.resolve("cold-start.jfr");
        coldPathMillis(external, "cold-profile.log", true,
                "-XX:StartFlightRecording:filename=" + recording + ",settings=profile,jdk.ExecutionSample#period=1ms");
        return CpuProfile.shares(recording);
    }

    /** Distinct players: parents cycle through the 1,000 drama numbers, so most have a few children. */
    private List<Double> fire(String baseUrl, String phase, int count) throws Exception {
        AtomicInteger next = new AtomicInteger();
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>(count));
        int port = URI.create(baseUrl).getPort();
        try (ExecutorService clients = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    try (LoopbackClient client = new LoopbackClient(port, LocalStack.DEVELOPMENT_API_KEY)) {
                        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                            String json = invitation(phase, i);
                            long sent = System.nanoTime();
                            int status = client.post("/trigger", json);
                            if (status != 201) {
                                throw new IllegalStateException("Invitation " + i + " answered " + status);
                            }
                            latencies.add((System.nanoTime() - sent) / 1e6);
                        }
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

    /**
     * A fresh JVM running the API function alone ({@link LocalApi}) against the running database and queue, until
     * /trigger first answers 2xx; {@code lambdaOptions}: with the API function's JAVA_TOOL_OPTIONS.
     */
    private double coldPathMillis(Map<String, String> external, String logName, boolean lambdaOptions,
                                  String... jvmOptions) throws Exception {
        int port = freePort();
        Map<String, String> environment = new HashMap<>(external);
        environment.put("PORT", Integer.toString(port));
        environment.put("API_KEY", LocalStack.DEVELOPMENT_API_KEY);
        environment.put("DETAILS_ENCRYPTION_KEYS", LocalStack.DEVELOPMENT_DETAILS_KEY);
        if (lambdaOptions) {
            environment.put("JAVA_TOOL_OPTIONS", LAMBDA_JAVA_TOOL_OPTIONS);
        }
        long started = System.nanoTime();
        Process process = start(LocalApi.class, apiClassPath(), environment, logName, jvmOptions);
        try {
            awaitFirstInvitation("http://localhost:" + port, Duration.ofMinutes(1));
            return (System.nanoTime() - started) / 1e6;
        } finally {
            stop(process);
        }
    }

    private double helloWorldMillis(boolean lambdaOptions) throws Exception {
        long started = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(java(), "-cp", ownClasses(), HelloWorld.class.getName())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        if (lambdaOptions) {
            builder.environment().put("JAVA_TOOL_OPTIONS", LAMBDA_JAVA_TOOL_OPTIONS);
        }
        Process process = builder.start();
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
        return start(main, System.getProperty("java.class.path"), environment, logName, jvmOptions);
    }

    private Process start(Class<?> main, String classPath, Map<String, String> environment, String logName,
                          String... jvmOptions) throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "--sun-misc-unsafe-memory-access=allow"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", classPath, main.getName()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(workDirectory.resolve(logName).toFile());
        builder.environment().keySet().removeIf(name -> name.equals("DATABASE_URL") || name.equals("QUEUE_URL")
                || name.equals("SQS_ENDPOINT") || name.equals("API_KEY") || name.equals("JAVA_TOOL_OPTIONS"));
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
    private record Cold(double hello, double plain, double cached, double bareHello, double bare, List<Double> helloRuns,
                        List<Double> plainRuns, List<Double> cachedRuns, List<Double> bareHelloRuns,
                        List<Double> bareRuns, String load, long classes, Map<String, Double> profile) {}

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
                | Cold path, plain JVM: fresh API process → first `/trigger` 2xx, with the API function's JVM options, median of %d (load %s) | **%.0f ms = %.1f×** | hello-world JVM with the same options, median %.0f ms | ≤ 20× — %s |
                | Cold path with a JDK AOT cache (`-XX:AOTCache`, JEP 483/514), same options, median of %d | **%.0f ms = %.1f×** | the same hello-world | ≤ 8× — %s |
                | Cold path, plain JVM without any JVM option, median of %d | %.0f ms = %.1f× | hello-world without options, median %.0f ms | |
                | Classes loaded up to the first `/trigger` answer (`-Xlog:class+load`, plain JVM) | %d | | |

                CPU time per invitation, in milliseconds, of each process on the machine's %d cores, read from `/proc`
                during the measured invitations: the throughput these processes can reach together is at most %d × 1,000
                ms ÷ their total.

                | Process | With ElasticMQ | With the no-op queue |
                |---|---|---|
                | The stack's JVM: HTTP server, `ApiHandler`, JDBC, SQS client (and, with ElasticMQ, ElasticMQ itself) | %.2f | %.2f |
                | PostgreSQL (all its processes) | %.2f | %.2f |
                | The load generator (this benchmark) | %.2f | %.2f |
                | Total | **%.2f** | **%.2f** |
                | At most, on %d cores (%d,000 ms ÷ total) | %.0f /s | %.0f /s |

                On these %d cores, 500 invitations/s needs a total of at most %.2f ms, and 1,000/s at most %.2f ms.

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
                - Since 2026-12-02 (docs/decisions/0122-throughput-measured-as-cpu-per-invitation.md): the stack's
                  pool has %d connections (`DB_POOL_SIZE`), one per concurrent client, as %d Lambda instances would
                  each have their own (its default of 2 is per Lambda instance, which serves one request at a time);
                  the load generator is a minimal HTTP/1.1 client on kept-alive connections (`LoopbackClient`), so
                  that it takes less of the cores it shares with the stack; it used `java.net.http.HttpClient`.
                - The embedded PostgreSQL (zonky) runs as the local stack always has: with `fsync` off (`-F`) and
                  `synchronous_commit=off`, so a commit waits for no disk flush; Neon's commits do.
                - Bulk: one request of %d new players (one transaction, jobs published with `SendMessageBatch`, 10 a
                  call) against one request of one new player, alternated on the same warm stack.
                - Cold path: what a new API Lambda instance does, as a new `java` process running
                  `uk.clubreg.local.LocalApi` (`ApiHandler`'s own constructor behind the local HTTP server) on the
                  API function's class path (the jars of `api-lambda.zip`, and the local stack's jar) with
                  `DATABASE_URL`, `QUEUE_URL` and `SQS_ENDPOINT` pointing at the already running PostgreSQL and
                  ElasticMQ (in AWS they are external services too). Included: JVM start, class loading,
                  configuration, logging, the SQS client, the system, the HTTP server, and the first invitation
                  (HikariCP's first connection, the transaction, the SQS publish, the outbox sweep the first request
                  makes). Not included, because the API function does not do them: Flyway (a deploy-time function in
                  AWS), the worker, the sweeper's timer, the daily run and the WhatsApp simulator; until 2026-12-02
                  this row started the whole `LocalStack` and counted them
                  (docs/decisions/0120-cold-path-is-the-api-function.md). The JVM options are the API function's
                  in AWS (`JAVA_TOOL_OPTIONS=%s`, C1 only), given to the hello-world too; the row without any option
                  is beside it. The AOT cache is trained in the same run by one cold start with `-XX:AOTCacheOutput`
                  (JDK 25); it is the local counterpart of Lambda SnapStart.
                - Runs, ms: hello-world %s; plain %s; AOT cache %s; hello-world without options %s; plain without
                  options %s; bulk %s; one %s.
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
                cold.cached() <= 8 * cold.hello() ? "met" : "**missed**",
                COLD_RUNS, cold.bare(), cold.bare() / cold.bareHello(), cold.bareHello(), cold.classes(),
                CORES, CORES, sqs.stackCpu(), noQueue.stackCpu(), sqs.postgresCpu(), noQueue.postgresCpu(),
                sqs.clientCpu(), noQueue.clientCpu(), sqs.totalCpu(), noQueue.totalCpu(), CORES, CORES,
                CORES * 1000 / sqs.totalCpu(), CORES * 1000 / noQueue.totalCpu(), CORES, CORES * 1000 / 500.0,
                CORES * 1000 / 1000.0,
                cpu.get("(samples)"), bulkCpu.get("(samples)"), profileTable(cpu, bulkCpu), CLIENTS, CLIENTS, BULK,
                LAMBDA_JAVA_TOOL_OPTIONS,
                BenchmarkReport.rounded(cold.helloRuns()), BenchmarkReport.rounded(cold.plainRuns()),
                BenchmarkReport.rounded(cold.cachedRuns()), BenchmarkReport.rounded(cold.bareHelloRuns()),
                BenchmarkReport.rounded(cold.bareRuns()), BenchmarkReport.rounded(bulk.bulkRuns()),
                BenchmarkReport.rounded(bulk.oneRuns()));
        BenchmarkReport.writeSection(report, "invitations", body + coldProfileText(cold));
    }

    /** Where a cold start's CPU went, for the cold-path rows above. */
    private static String coldProfileText(Cold cold) {
        StringBuilder rows = new StringBuilder();
        cold.profile().forEach((part, share) -> {
            if (!part.equals("(samples)")) {
                rows.append("| %s | %.0f%% |\n".formatted(part, share));
            }
        });
        return """

                Where a cold start's CPU went, up to the first `/trigger` answer: one more fresh API process with the
                Lambda options and no AOT cache, recorded by JFR with an execution sample every millisecond (%.0f
                samples; the recorder itself slows this start). A sample counts for the part whose code was running,
                so loading and initialising a library's classes counts for that library:

                | Part | Cold start |
                |---|---|
                %s
                """.formatted(cold.profile().get("(samples)"), rows.toString().strip());
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

    /**
     * The API function's own jars (those of api-lambda.zip: the api module's jar and its runtime dependencies) and
     * the local stack's jar for {@link LocalApi} and its HTTP server; set by testing/benchmark-invitations.sh. The
     * whole local stack's class path is more than twice as long, and every class-path scan (ServiceLoader: slf4j,
     * logback, the AWS SDK) on a cold start reads each jar.
     */
    private static String apiClassPath() {
        String classPath = System.getProperty("invitations.apiClassPath");
        if (classPath == null) {
            throw new IllegalStateException("-Dinvitations.apiClassPath is not set: run testing/benchmark-invitations.sh");
        }
        return classPath;
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
