package uk.clubreg.local.chaos;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * OpenAI's Conversations and Responses APIs (a short text reply, no tool calls) with faults on demand: for a time,
 * every response request is answered 500, or never answered (the client's timeout), or answered later than the
 * turn's deadline; and one request can be held while the worker that made it is killed.
 */
final class FaultyOpenAi implements AutoCloseable {

    enum Fault { NONE, SERVER_ERROR, TIMEOUT, SLOWER_THAN_THE_DEADLINE }

    private final HttpServer server;
    private final Duration slowBy;
    private volatile Fault fault = Fault.NONE;
    private final AtomicReference<CountDownLatch> holdNext = new AtomicReference<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Map<Fault, AtomicInteger> answered = new ConcurrentHashMap<>();

    private FaultyOpenAi(HttpServer server, Duration slowBy) {
        this.server = server;
        this.slowBy = slowBy;
    }

    /** @param slowBy how late a {@link Fault#SLOWER_THAN_THE_DEADLINE} answer comes */
    static FaultyOpenAi start(Duration slowBy) throws IOException {
        HttpServer server = FakeHttp.server();
        FaultyOpenAi openAi = new FaultyOpenAi(server, slowBy);
        server.createContext("/v1/conversations", exchange -> openAi.answer(exchange, 200,
                "{\"id\":\"conv_%s\",\"object\":\"conversation\",\"created_at\":1795000000,\"metadata\":{}}"
                        .formatted(UUID.randomUUID().toString().replace("-", ""))));
        server.createContext("/v1/responses", openAi::respond);
        server.start();
        return openAi;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    /** From now on every response request meets {@code fault} (NONE: answered at once). */
    void set(Fault fault) {
        this.fault = fault;
    }

    /** The next response request is held unanswered; the returned latch opens when it has arrived. */
    CountDownLatch holdNextRequest() {
        CountDownLatch arrived = new CountDownLatch(1);
        holdNext.set(arrived);
        return arrived;
    }

    /** The held request is let go (its connection closed without an answer: its worker is dead by then). */
    void releaseHeld() {
        released.countDown();
    }

    Map<Fault, Integer> answered() {
        return answered.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get()));
    }

    private void respond(HttpExchange exchange) throws IOException {
        try (exchange) {
            exchange.getRequestBody().readAllBytes();
            CountDownLatch hold = holdNext.getAndSet(null);
            if (hold != null) {
                hold.countDown();
                await(released, Duration.ofMinutes(10));
                return;
            }
            Fault now = fault;
            answered.computeIfAbsent(now, k -> new AtomicInteger()).incrementAndGet();
            switch (now) {
                case SERVER_ERROR -> answer(exchange, 500,
                        "{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\",\"code\":null}}");
                case TIMEOUT -> await(closed, Duration.ofMinutes(10));
                case SLOWER_THAN_THE_DEADLINE -> {
                    await(closed, slowBy);
                    answer(exchange, 200, reply());
                }
                case NONE -> answer(exchange, 200, reply());
            }
        } catch (IOException e) {
            // The client gave up first (its timeout): what a slow OpenAI looks like from here.
        }
    }

    private static String reply() {
        return """
                {"id":"resp_%s","object":"response","created_at":1795000000,"status":"completed",
                 "model":"gpt-5-mini","parallel_tool_calls":true,"tool_choice":"auto","tools":[],"metadata":{},
                 "output":[{"type":"message","id":"msg_chaos","role":"assistant","status":"completed",
                   "content":[{"type":"output_text","text":"Thank you, noted. Is there anything else about the registration?",
                               "annotations":[]}]}],
                 "usage":{"input_tokens":900,"output_tokens":20,"total_tokens":920,
                          "input_tokens_details":{"cached_tokens":0},
                          "output_tokens_details":{"reasoning_tokens":0}}}""".formatted(UUID.randomUUID().toString().replace("-", ""));
    }

    private void answer(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getRequestBody().readAllBytes();
        FakeHttp.json(exchange, status, json);
    }

    private static void await(CountDownLatch latch, Duration atMost) {
        try {
            latch.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed.countDown();
        released.countDown();
        server.stop(0);
    }
}
