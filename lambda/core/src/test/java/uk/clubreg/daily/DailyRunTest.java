package uk.clubreg.daily;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.json.Json;
import uk.clubreg.testsupport.LogCapture;

/** A step that fails is reported and alarmed on; the steps after it still run. */
class DailyRunTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-05T23:30:00Z"), ZoneOffset.UTC);

    private final List<String> ran = new ArrayList<>();

    @Test
    void aFailingStepIsReportedAndAlarmedOnAndTheOthersStillRun() {
        DailyRun daily = new DailyRun(List.of(step("seasons", 0), failing("hand_offs"), step("chasers", 2),
                step("weekly_summaries", 1)), ZoneId.of("Europe/London"), CLOCK);

        DailyReport report;
        List<String> lines;
        try (LogCapture logs = LogCapture.capture()) {
            report = daily.run();
            lines = logs.lines();
        }

        assertThat(ran).containsExactly("seasons", "chasers", "weekly_summaries");
        assertThat(report.ok()).isFalse();
        assertThat(report.failed()).containsExactly("hand_offs");
        assertThat(report.counts()).containsOnlyKeys("seasons", "chasers", "weekly_summaries");
        assertThat(lines).map(Json::read).filteredOn(line -> "DailyRunErrors".equals(line.path("alarm").asText()))
                .singleElement().satisfies(line -> {
                    assertThat(line.path("level").asText()).isEqualTo("ERROR");
                    assertThat(line.path("step").asText()).isEqualTo("hand_offs");
                    assertThat(line.path("error").asText()).contains("Neon is asleep");
                });
        assertThat(lines).map(Json::read).filteredOn(line -> "Daily run".equals(line.path("message").asText()))
                .singleElement().satisfies(line -> {
                    assertThat(line.path("chasers").path("count").asInt()).isEqualTo(2);
                    assertThat(line.path("failed").asText()).isEqualTo("hand_offs");
                });
    }

    @Test
    void theRouteAnswersEveryStepsCountsAndTheClubsDay() {
        DailyRun daily = new DailyRun(List.of(step("chasers", 2), failing("weekly_summaries")),
                ZoneId.of("Europe/London"), CLOCK);

        HttpResponse response = daily.endpoint().handle(new HttpRequest("POST", "/admin/run/daily", Map.of(),
                Map.of(), "", "req-1"));

        JsonNode json = Json.read(response.body());
        assertThat(response.status()).isEqualTo(200);
        assertThat(json.path("request_id").asText()).isEqualTo("req-1");
        assertThat(json.path("day").asText()).isEqualTo("2026-11-05");
        assertThat(json.path("ok").asBoolean()).isFalse();
        assertThat(json.path("chasers").path("count").asInt()).isEqualTo(2);
        assertThat(json.path("failed").get(0).asText()).isEqualTo("weekly_summaries");
    }

    private DailyRun.Step step(String name, int count) {
        return new DailyRun.Step(name, () -> {
            ran.add(name);
            return Map.of("count", count);
        });
    }

    private static DailyRun.Step failing(String name) {
        return new DailyRun.Step(name, () -> {
            throw new IllegalStateException("Neon is asleep");
        });
    }
}
