package uk.clubreg.local.benchmark;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import uk.clubreg.app.Adapters;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;
import uk.clubreg.jobs.sqs.SqsJobQueue;
import uk.clubreg.json.Json;
import uk.clubreg.local.LocalStack;
import uk.clubreg.messaging.twilio.TwilioSignatures;
import uk.clubreg.persistence.Database;
import uk.clubreg.worker.Responders;
import uk.clubreg.worker.WorkerHandler;

/**
 * How fast a parent hears back, and what one turn costs the worker, then rewrites the replies section of
 * docs/benchmarks.md. Run by testing/benchmark-replies.sh.
 *
 * <ul>
 *   <li>Reply latency: the local stack in guided mode, in this process. A signed Twilio webhook is posted; the
 *       latency runs from just before the post to the moment the WhatsApp simulator (the stack's fake Twilio)
 *       records the reply. The baseline, in the same run, is the webhook's own acknowledgement.</li>
 *   <li>Worker overhead per turn: the stack in AI mode with its worker off, OpenAI played by a zero-latency stub in
 *       this process. Each webhook's job is taken from the queue and given to a {@link WorkerHandler} built as the
 *       worker builds it; the figure is that call, from job to reply accepted by the simulator. The baseline is one
 *       bare HTTP round trip to the stub, in the same run.</li>
 * </ul>
 */
public final class ReplyBenchmark {

    private static final int PARENTS = 50;
    private static final int WARM_UP = 60;
    private static final int MEASURED = 300;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final AtomicLong sids = new AtomicLong();

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args.length > 0 ? args[0] : "docs/benchmarks.md");
        new ReplyBenchmark().run(report);
    }

    private void run(Path report) throws Exception {
        Result guided;
        try (LocalStack stack = LocalStack.start(Map.of("PORT", "0", "AI_ENABLED", "false",
                "LOCAL_DATA_DIR", Files.createTempDirectory("reply-benchmark").toString()))) {
            inviteParents(stack);
            guided = replyLatencies(stack);
        }
        System.out.printf("Guided reply: p50 %.1f ms, p99 %.1f ms; webhook ack p50 %.1f ms (load %s)%n",
                BenchmarkReport.median(guided.replies()), BenchmarkReport.percentile(guided.replies(), 99),
                BenchmarkReport.median(guided.acks()), guided.load());

        Result worker;
        try (ZeroLatencyOpenAi openAi = ZeroLatencyOpenAi.start();
             LocalStack stack = LocalStack.start(Map.of("PORT", "0", "LOCAL_WORKER_ENABLED", "false",
                     "OPENAI_API_KEY", "benchmark-key", "OPENAI_BASE_URL", openAi.baseUrl(),
                     "LOCAL_DATA_DIR", Files.createTempDirectory("turn-benchmark").toString()))) {
            inviteParents(stack);
            worker = workerTurns(stack, openAi);
        }
        System.out.printf("AI turn in the worker: p50 %.1f ms, p99 %.1f ms; stub round trip p50 %.2f ms (load %s)%n",
                BenchmarkReport.median(worker.replies()), BenchmarkReport.percentile(worker.replies(), 99),
                BenchmarkReport.median(worker.acks()), worker.load());
        writeReport(report, guided, worker);
    }

    /** Latencies of one phase: the measured figure and its same-run baseline, in ms. */
    private record Result(List<Double> replies, List<Double> acks, String load) {}

    private Result replyLatencies(LocalStack stack) throws Exception {
        List<Double> replies = new ArrayList<>();
        List<Double> acks = new ArrayList<>();
        String loadBefore = "";
        for (int i = 0; i < WARM_UP + MEASURED; i++) {
            if (i == WARM_UP) {
                loadBefore = BenchmarkReport.loadAverage();
            }
            String phone = phone(i);
            int before = outbound(stack, phone).size();
            Instant sent = Instant.now();
            long started = System.nanoTime();
            postWebhook(stack, phone, "Yes");
            double ack = (System.nanoTime() - started) / 1e6;
            Instant replied = awaitReply(stack, phone, before);
            if (i >= WARM_UP) {
                acks.add(ack);
                replies.add(Duration.between(sent, replied).toNanos() / 1e6);
            }
        }
        return new Result(replies, acks, loadBefore + " → " + BenchmarkReport.loadAverage());
    }

    private Result workerTurns(LocalStack stack, ZeroLatencyOpenAi openAi) throws Exception {
        Config config = stack.config();
        try (Database database = Database.connect(config);
             SqsClient sqs = SqsJobQueue.client(config.require(Setting.SQS_ENDPOINT))) {
            String queueUrl = config.require(Setting.QUEUE_URL);
            RegistrationSystem system = new RegistrationSystem(config, Adapters.fromConfig(config, database)
                    .withQueue(new SqsJobQueue(sqs, queueUrl)).withResponder(Responders.fromConfig(config)));
            WorkerHandler worker = new WorkerHandler(system);
            drain(sqs, queueUrl); // the invitations' jobs: this phase measures turns only
            List<Double> turns = new ArrayList<>();
            List<Double> stub = new ArrayList<>();
            String loadBefore = "";
            for (int i = 0; i < WARM_UP + MEASURED; i++) {
                if (i == WARM_UP) {
                    loadBefore = BenchmarkReport.loadAverage();
                }
                postWebhook(stack, phone(i), "Yes please");
                List<Message> jobs = receive(sqs, queueUrl);
                SQSEvent event = new SQSEvent();
                event.setRecords(jobs.stream().map(ReplyBenchmark::record).toList());
                long started = System.nanoTime();
                if (!worker.handleRequest(event, null).getBatchItemFailures().isEmpty()) {
                    throw new IllegalStateException("The worker failed a turn; see the log");
                }
                double turn = (System.nanoTime() - started) / 1e6;
                jobs.forEach(m -> sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
                long roundTrip = System.nanoTime();
                openAi.ping(http);
                if (i >= WARM_UP) {
                    turns.add(turn);
                    stub.add((System.nanoTime() - roundTrip) / 1e6);
                }
            }
            return new Result(turns, stub, loadBefore + " → " + BenchmarkReport.loadAverage());
        }
    }

    private static List<Message> receive(SqsClient sqs, String queueUrl) {
        for (int attempt = 0; attempt < 50; attempt++) {
            List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).messageSystemAttributeNames(MessageSystemAttributeName.ALL)).messages();
            if (!messages.isEmpty()) {
                return messages;
            }
        }
        throw new IllegalStateException("The webhook's job never reached the queue");
    }

    private static void drain(SqsClient sqs, String queueUrl) {
        List<Message> messages;
        do {
            messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                    .messages();
            messages.forEach(m -> sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(m.receiptHandle())));
        } while (!messages.isEmpty());
    }

    private static SQSEvent.SQSMessage record(Message message) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(message.messageId());
        record.setReceiptHandle(message.receiptHandle());
        record.setBody(message.body());
        record.setAttributes(message.attributesAsStrings());
        record.setEventSource("aws:sqs");
        return record;
    }

    private static String phone(int i) {
        return "+4477009002%02d".formatted(i % PARENTS);
    }

    /** One bulk /trigger for every benchmark parent; the invitations go out before the measurement starts. */
    private void inviteParents(LocalStack stack) throws Exception {
        String squad = java.util.stream.IntStream.range(0, PARENTS).mapToObj(i -> """
                {"player_first_name": "Reply%d", "player_last_name": "Bench", "parent_tel": "%s",
                 "parent_first_name": "Alex", "team_name": "Benchmark", "age_group": "U11"}""".formatted(i, phone(i)))
                .collect(Collectors.joining(",", "[", "]"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/trigger"))
                .header("Content-Type", "application/json").header("x-api-key", stack.apiKey())
                .POST(HttpRequest.BodyPublishers.ofString(squad)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Bulk /trigger answered " + response.statusCode() + ": " + response.body());
        }
    }

    private void postWebhook(LocalStack stack, String phone, String body) throws Exception {
        Config config = stack.config();
        String sid = "SMbench" + UUID.randomUUID().toString().replace("-", "") + sids.incrementAndGet();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("MessageSid", sid);
        form.put("SmsMessageSid", sid);
        form.put("AccountSid", config.require(Setting.TWILIO_ACCOUNT_SID));
        form.put("From", "whatsapp:" + phone);
        form.put("To", config.require(Setting.TWILIO_WHATSAPP_FROM));
        form.put("Body", body);
        form.put("NumMedia", "0");
        form.put("MessageType", "text");
        form.put("WaId", phone.substring(1));
        String signature = TwilioSignatures.sign(config.require(Setting.TWILIO_AUTH_TOKEN),
                config.require(Setting.PUBLIC_BASE_URL) + "/webhook", form);
        String encoded = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        int status = http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/webhook"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("X-Twilio-Signature", signature)
                        .POST(HttpRequest.BodyPublishers.ofString(encoded)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200) {
            throw new IllegalStateException("The webhook answered " + status);
        }
    }

    private Instant awaitReply(LocalStack stack, String phone, int before) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<JsonNode> outbound = outbound(stack, phone);
            if (outbound.size() > before) {
                return Instant.parse(outbound.get(before).path("at").asText());
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("No reply to " + phone + " within 30 s");
    }

    private List<JsonNode> outbound(LocalStack stack, String phone) throws Exception {
        String json = http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/simulator/messages?phone="
                + URLEncoder.encode(phone, StandardCharsets.UTF_8))).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<JsonNode> outbound = new ArrayList<>();
        Json.read(json).path("messages").forEach(m -> {
            if (m.path("direction").asText().equals("outbound")) {
                outbound.add(m);
            }
        });
        return outbound;
    }

    /** OpenAI's Responses and Conversations APIs answering at once with a short reply. */
    private record ZeroLatencyOpenAi(HttpServer server) implements AutoCloseable {

        static ZeroLatencyOpenAi start() throws IOException {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/v1/conversations", exchange -> answer(exchange,
                    "{\"id\":\"conv_bench\",\"object\":\"conversation\",\"created_at\":1795000000,\"metadata\":{}}"));
            server.createContext("/v1/responses", exchange -> answer(exchange, """
                    {"id":"resp_bench","object":"response","created_at":1795000000,"status":"completed",
                     "model":"gpt-5-mini","parallel_tool_calls":true,"tool_choice":"auto","tools":[],"metadata":{},
                     "output":[{"type":"message","id":"msg_bench","role":"assistant","status":"completed",
                       "content":[{"type":"output_text","text":"Great! Was your child registered with us last season?",
                                   "annotations":[]}]}],
                     "usage":{"input_tokens":900,"output_tokens":20,"total_tokens":920,
                              "input_tokens_details":{"cached_tokens":0},
                              "output_tokens_details":{"reasoning_tokens":0}}}"""));
            server.createContext("/ping", exchange -> answer(exchange, "{}"));
            server.start();
            return new ZeroLatencyOpenAi(server);
        }

        String baseUrl() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
        }

        void ping(HttpClient http) throws Exception {
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ping"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());
        }

        private static void answer(HttpExchange exchange, String json) throws IOException {
            exchange.getRequestBody().readAllBytes();
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static void writeReport(Path report, Result guided, Result worker) throws IOException {
        double replyP50 = BenchmarkReport.median(guided.replies());
        double replyP99 = BenchmarkReport.percentile(guided.replies(), 99);
        double ackP50 = BenchmarkReport.median(guided.acks());
        double turnP50 = BenchmarkReport.median(worker.replies());
        double stubP50 = BenchmarkReport.median(worker.acks());
        String body = """
                ## Replies: how fast a parent hears back, and one turn in the worker

                Reproduce: `testing/benchmark-replies.sh` (about two minutes). Measured %s.

                | Figure | Result | Same-run baseline | Target |
                |---|---|---|---|
                | Reply latency p50, guided mode (signed webhook → reply at the fake Twilio; load %s) | **%.0f ms** | webhook ack p50 %.1f ms (%.1f×) | ≤ 250 ms — %s |
                | Reply latency p99, guided mode | **%.0f ms** | webhook ack p99 %.1f ms | ≤ 600 ms — %s |
                | Worker time per AI turn p50, zero-latency OpenAI stub and fake Twilio (load %s) | **%.1f ms** | one HTTP round trip to the stub p50 %.2f ms (%.0f×) | ≤ 30 ms — %s |
                | Worker time per AI turn p99 | **%.1f ms** | | |

                What is measured (%d parents, %d warm-up then %d measured messages, one at a time):
                - Reply latency: the local stack in this process, guided mode (no model, so the model's own time is
                  nil and all of the figure is ours): HTTP → `ApiHandler` → signature check → message and outbox row
                  in one transaction → ElasticMQ → the local worker's long poll → inbound job → turn decided and
                  stored → reply sent through twilio-java to the simulator, which timestamps it. There is no settle
                  wait (docs/decisions/0016-bursts-folded-without-waiting.md); before, the fixed 3,000 ms window
                  made the p50 about 3,040 ms.
                - Worker time per turn: `WorkerHandler.handleRequest` for one inbound_message job, AI mode: the
                  opt-out check, the turn read, one Responses API request through openai-java to a stub that answers
                  at once (the first turn of a parent also creates its OpenAI conversation), the turn stored, the
                  reply sent through twilio-java to the simulator and recorded.
                - Runs are on a machine shared with other builds; compare runs only at a similar load.
                """.formatted(BenchmarkReport.provenance(),
                guided.load(), replyP50, ackP50, replyP50 / ackP50, replyP50 <= 250 ? "met" : "**missed**",
                replyP99, BenchmarkReport.percentile(guided.acks(), 99), replyP99 <= 600 ? "met" : "**missed**",
                worker.load(), turnP50, stubP50, turnP50 / stubP50, turnP50 <= 30 ? "met" : "**missed**",
                BenchmarkReport.percentile(worker.replies(), 99), PARENTS, WARM_UP, MEASURED);
        BenchmarkReport.writeSection(report, "replies", body);
    }
}
