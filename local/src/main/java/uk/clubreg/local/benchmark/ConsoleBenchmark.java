package uk.clubreg.local.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import uk.clubreg.json.Json;
import uk.clubreg.local.LocalStack;

/**
 * How long the console takes to render a roster of 30 players on the local stack, signed in as its demo club admin
 * (who sees every team); rewrites the console section of docs/benchmarks.md. Run by testing/benchmark-console.sh.
 * The baseline, in the same run, is the console's stylesheet: the same HTTP path and security headers, no database.
 */
public final class ConsoleBenchmark {

    private static final int PLAYERS = 30;
    private static final int WARM_UP = 100;
    private static final int MEASURED = 300;
    private static final String TEAM = "U12 Benchmark";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args.length > 0 ? args[0] : "docs/benchmarks.md");
        new ConsoleBenchmark().run(report);
    }

    private void run(Path report) throws Exception {
        String loadBefore = BenchmarkReport.loadAverage();
        List<Double> roster = new ArrayList<>();
        List<Double> stylesheet = new ArrayList<>();
        int rows;
        try (LocalStack stack = LocalStack.start(Map.of("PORT", "0", "AI_ENABLED", "false",
                "LOCAL_DATA_DIR", Files.createTempDirectory("console-benchmark").toString()))) {
            for (int i = 0; i < PLAYERS; i++) {
                post(stack, "/trigger", "application/json", """
                        {"player_first_name": "Player%d", "player_last_name": "Bench", "parent_tel": "07700 9005%02d",
                         "parent_first_name": "Parent", "team_name": "%s", "team_manager_1_tel": "07700 900700"}"""
                        .formatted(i, i, TEAM), Map.of("x-api-key", stack.apiKey()));
            }
            String cookie = signIn(stack);
            String rosterPath = "/console/team?name=" + URLEncoder.encode(TEAM, StandardCharsets.UTF_8)
                    + "&season=2026-27";
            rows = get(stack, rosterPath, cookie).body().split("<tr>", -1).length - 2;
            for (int i = 0; i < WARM_UP; i++) {
                get(stack, rosterPath, cookie);
                get(stack, "/console/console.css", cookie);
            }
            for (int i = 0; i < MEASURED; i++) {
                roster.add(timed(stack, rosterPath, cookie));
                stylesheet.add(timed(stack, "/console/console.css", cookie));
            }
        }
        if (rows != PLAYERS) {
            throw new IllegalStateException("The roster showed " + rows + " players, not " + PLAYERS);
        }
        String load = loadBefore + " → " + BenchmarkReport.loadAverage();
        double p50 = BenchmarkReport.median(roster);
        System.out.printf("Console roster of %d: p50 %.1f ms, p99 %.1f ms; stylesheet p50 %.1f ms (load %s)%n",
                PLAYERS, p50, BenchmarkReport.percentile(roster, 99), BenchmarkReport.median(stylesheet), load);
        BenchmarkReport.writeSection(report, "console", """
                ## Console: rendering a roster of 30 players

                Reproduce: `testing/benchmark-console.sh` (about a minute). Measured %s.

                | Figure | Result | Same-run baseline | Target |
                |---|---|---|---|
                | Roster page of %d players, p50 (GET `/console/team`, signed in; load %s) | **%.1f ms** | the console's stylesheet p50 %.1f ms | ≤ 100 ms — %s |
                | Roster page, p99 | **%.1f ms** | stylesheet p99 %.1f ms | |

                What is measured (%d warm-up then %d measured requests of each, one at a time, alternating): the local
                stack in this process, its demo club admin signed in with the code the simulator received; one team of
                %d invited players. Each figure is a whole HTTP round trip on localhost, so it bounds the server's time
                from above: `ApiHandler` → session cookie checked (HMAC, then the session row) → scope → the team's
                players, parents, hand-offs, AI tokens and last message times (five queries) → the precompiled jte
                template → security headers. The stylesheet takes the same path without the database.
                """.formatted(BenchmarkReport.provenance(), PLAYERS, load, p50, BenchmarkReport.median(stylesheet),
                p50 <= 100 ? "met" : "not met", BenchmarkReport.percentile(roster, 99),
                BenchmarkReport.percentile(stylesheet, 99), WARM_UP, MEASURED, PLAYERS));
    }

    /** Signs in as the local stack's demo club admin, reading the code from the WhatsApp simulator. */
    private String signIn(LocalStack stack) throws Exception {
        HttpResponse<String> page = get(stack, "/console", "");
        String cookie = page.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> codePage = post(stack, "/console/sign-in/code", "application/x-www-form-urlencoded",
                "phone=" + URLEncoder.encode(LocalStack.DEMO_CLUB_ADMIN, StandardCharsets.UTF_8) + "&csrf="
                        + find(CSRF, page.body()), Map.of("Cookie", cookie));
        String code = null;
        for (int i = 0; i < 200 && code == null; i++) {
            JsonNode messages = Json.read(get(stack, "/simulator/messages?phone="
                    + URLEncoder.encode(LocalStack.DEMO_CLUB_ADMIN, StandardCharsets.UTF_8), "").body());
            for (JsonNode message : messages.path("messages")) {
                Matcher found = CODE.matcher(message.path("body").asText());
                code = found.find() ? found.group(1) : code;
            }
            Thread.sleep(50);
        }
        HttpResponse<String> signedIn = post(stack, "/console/sign-in", "application/x-www-form-urlencoded",
                "phone=" + URLEncoder.encode(LocalStack.DEMO_CLUB_ADMIN, StandardCharsets.UTF_8) + "&code=" + code
                        + "&csrf=" + find(CSRF, codePage.body()), Map.of("Cookie", cookie));
        return signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private double timed(LocalStack stack, String path, String cookie) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = get(stack, path, cookie);
        double millis = (System.nanoTime() - started) / 1_000_000.0;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode());
        }
        return millis;
    }

    private HttpResponse<String> get(LocalStack stack, String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.baseUrl() + path)).GET();
        if (!cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(LocalStack stack, String path, String contentType, String body,
                                      Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stack.baseUrl() + path))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String find(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("Not found: " + pattern);
        }
        return matcher.group(1);
    }
}
