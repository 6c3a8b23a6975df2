package uk.clubreg.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import uk.clubreg.config.Config;
import uk.clubreg.messaging.MessagingHarness;
import uk.clubreg.messaging.twilio.TwilioSignatures;
import uk.clubreg.persistence.Database;
import uk.clubreg.testsupport.TestPostgres;
import uk.clubreg.testsupport.TestQueue;
import uk.clubreg.testsupport.TestSystems;

/**
 * Warm acknowledgement latency of POST /webhook on loopback: a real HTTP server in front of ApiHandler (as the local
 * stack does), embedded PostgreSQL, ElasticMQ. Signed requests from 20 invited parents, sequential like one warm
 * Lambda instance; each is stored, written to the outbox and published to the FIFO queue before the answer.
 * Run by testing/benchmark-webhook.sh; prints the figures and writes the webhook section of docs/benchmarks.md.
 *
 * <p>Arguments: warm-up count, measured count, path of docs/benchmarks.md.
 */
public final class WebhookBenchmark {

    private static final String TOKEN = "benchmark-auth-token";

    public static void main(String[] args) throws Exception {
        int warmUp = Integer.parseInt(args[0]);
        int measured = Integer.parseInt(args[1]);
        Path benchmarks = Path.of(args[2]);

        String databaseUrl = TestPostgres.freshDatabaseUrl();
        try (Database database = Database.connect(databaseUrl, 2); TestQueue queue = TestQueue.start()) {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            String baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
            Config config = Config.fromEnvironment(Map.of(
                    "TWILIO_AUTH_TOKEN", TOKEN, "PUBLIC_BASE_URL", baseUrl, "TWILIO_ACCOUNT_SID", "AC0"));
            ApiHandler api = new ApiHandler(TestSystems.withQueue(config, database, queue.jobQueue(), Clock.systemUTC()));
            server.createContext("/", exchange -> serve(api, exchange));
            server.start();
            invite20Parents(database);

            for (int i = 0; i < warmUp; i++) {
                post(baseUrl, "SMw" + i, i);
            }
            long[] micros = new long[measured];
            for (int i = 0; i < measured; i++) {
                micros[i] = post(baseUrl, "SMm" + i, i);
            }
            server.stop(0);

            Arrays.sort(micros);
            String figures = ("warm-up %d, measured %d sequential signed requests: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms,"
                    + " max %.2f ms (load average %s on %d cores)")
                    .formatted(warmUp, measured, at(micros, 0.50), at(micros, 0.90), at(micros, 0.99),
                            micros[micros.length - 1] / 1000.0, loadAverage(), Runtime.getRuntime().availableProcessors());
            System.err.println("POST /webhook acknowledgement: " + figures);
            writeSection(benchmarks, figures, warmUp, measured, at(micros, 0.99));
        }
        // The embedded PostgreSQL's and ElasticMQ's threads would keep the JVM alive after the figures are written.
        System.exit(0);
    }

    /** Sends one signed incoming message over a kept-alive connection; returns the round trip in microseconds. */
    private static long post(String baseUrl, String messageSid, int i) throws IOException {
        String phone = "+4477009001%02d".formatted(i % 20);
        Map<String, String> form = MessagingHarness.incoming(messageSid, phone, "Yes please, message " + i);
        byte[] body = MessagingHarness.formBody(form).getBytes(StandardCharsets.UTF_8);
        String signature = TwilioSignatures.sign(TOKEN, baseUrl + "/webhook", form);
        long started = System.nanoTime();
        HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl + "/webhook").toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
        connection.setRequestProperty("X-Twilio-Signature", signature);
        connection.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            String answer = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            long elapsed = (System.nanoTime() - started) / 1_000;
            if (status != 200) {
                throw new IllegalStateException("Webhook answered " + status + ": " + answer);
            }
            return elapsed;
        }
    }

    private static void serve(ApiHandler api, HttpExchange exchange) throws IOException {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, values.getFirst()));
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent()
                .withHttpMethod(exchange.getRequestMethod())
                .withPath(exchange.getRequestURI().getPath())
                .withHeaders(headers)
                .withBody(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8))
                .withIsBase64Encoded(false);
        APIGatewayProxyResponseEvent response = api.handleRequest(event, null);
        byte[] body = response.getBody() == null ? new byte[0] : response.getBody().getBytes(StandardCharsets.UTF_8);
        response.getHeaders().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(response.getStatusCode(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void invite20Parents(Database database) {
        database.inTransaction(connection -> {
            for (int i = 0; i < 20; i++) {
                try (var parent = connection.prepareStatement(
                        "INSERT INTO parents (phone_e164, first_name) VALUES (?, 'Sam') RETURNING id")) {
                    parent.setString(1, "+4477009001%02d".formatted(i));
                    try (var row = parent.executeQuery()) {
                        row.next();
                        try (var conversation = connection.prepareStatement(
                                "INSERT INTO conversations (parent_id) VALUES (?)")) {
                            conversation.setLong(1, row.getLong(1));
                            conversation.executeUpdate();
                        }
                    }
                }
            }
            return null;
        });
    }

    /** The machine's 1-minute load average: the figures mean little when other builds share the cores. */
    private static String loadAverage() throws IOException {
        Path loadavg = Path.of("/proc/loadavg");
        return Files.exists(loadavg) ? Files.readString(loadavg).split(" ")[0] : "unknown";
    }

    private static double at(long[] sortedMicros, double quantile) {
        int index = (int) Math.ceil(quantile * sortedMicros.length) - 1;
        return sortedMicros[Math.max(0, index)] / 1000.0;
    }

    private static void writeSection(Path file, String figures, int warmUp, int measured, double p99) throws IOException {
        String section = """
                <!-- webhook:start -->
                ## POST /webhook acknowledgement

                Target: warm p99 ≤ 25 ms on loopback. Measured %s: %s — %s.

                Path measured: HTTP over loopback → ApiHandler → signature check (RequestValidator) → one transaction
                (message row, window update, outbox row) → publish to the FIFO queue (ElasticMQ) → `<Response/>`.
                Embedded PostgreSQL and ElasticMQ in the same JVM, pool of 2 connections, INFO logs written to stdout
                (discarded, as Lambda's stdout is a pipe; into a file on this shared disk the p99 was about 40 ms).
                Without the HTTP hop (Router.dispatch in-process) the same work measured p50 ≈ 5 ms, p99 ≈ 17 ms, of
                which the ElasticMQ publish was p50 ≈ 2.6 ms. The machine is shared with other builds: compare runs
                only at a similar load average.

                Command: `testing/benchmark-webhook.sh %d %d`
                <!-- webhook:end -->""".formatted(java.time.LocalDate.now(), figures,
                p99 <= 25.0 ? "target met" : "target NOT met", warmUp, measured);
        String current = Files.exists(file) ? Files.readString(file) : "# Benchmarks\n";
        int start = current.indexOf("<!-- webhook:start -->");
        int end = current.indexOf("<!-- webhook:end -->");
        String updated = start >= 0 && end > start
                ? current.substring(0, start) + section + current.substring(end + "<!-- webhook:end -->".length())
                : current.stripTrailing() + "\n\n" + section + "\n";
        Files.writeString(file, updated);
    }
}
