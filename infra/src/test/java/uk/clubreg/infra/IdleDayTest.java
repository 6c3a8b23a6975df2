package uk.clubreg.infra;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/**
 * Issue 12's target, "on an idle day PostgreSQL is woken at most twice", computed from the synthesised template
 * (docs/decisions/0055-idle-costs-nothing.md). On an idle day nothing arrives at the API or the queue, and no publish
 * fails, so only what runs on a clock can wake the database: every EventBridge rule and Scheduler schedule, times
 * how often it fires a day, except an invocation whose event is one of the warm-ups (testing/payloads/warm-up-*.json),
 * which the lambda modules' tests show are answered without a connection (WarmUpTest, WorkerHandlerTest).
 */
class IdleDayTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PAYLOADS = Path.of("../testing/payloads");
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((\\S+) (\\S+) \\S+ \\S+ \\S+ \\S+\\)");

    private static Template template;
    private static TemplateQueries queries;

    @BeforeAll
    static void synthesise() {
        template = SynthesisedStack.template(SynthesisedStack.build(Map.of()));
        queries = new TemplateQueries(template);
    }

    @Test
    void postgresIsWokenAtMostTwiceOnAnIdleDay() throws IOException {
        List<JsonNode> warmUps = List.of(JSON.readTree(Files.readString(PAYLOADS.resolve("warm-up-api.json"))),
                JSON.readTree(Files.readString(PAYLOADS.resolve("warm-up-worker.json"))));
        List<String> waking = new ArrayList<>();
        double wakesPerDay = 0;
        for (Clocked clocked : clocked()) {
            if (clocked.input() != null && warmUps.contains(JSON.readTree(clocked.input()))) {
                continue;
            }
            wakesPerDay += clocked.runsPerDay();
            waking.add(clocked.id() + " " + clocked.expression());
        }

        assertThat(wakesPerDay).as("wakes a day, from %s", waking).isLessThanOrEqualTo(2);
        assertThat(waking).as("the daily run is the only scheduled database work").singleElement()
                .satisfies(id -> assertThat(id).startsWith("DailyRunSchedule"));
    }

    @Test
    void eachSnapStartAliasIsWarmedUpDailyWithAnEventThatTouchesNoDatabase() throws IOException {
        for (String[] aliasAndPayload : List.of(new String[] {"ApiFunctionLive", "warm-up-api.json"},
                new String[] {"WorkerFunctionLive", "warm-up-worker.json"})) {
            String alias = queries.logicalId("AWS::Lambda::Alias", aliasAndPayload[0]);
            JsonNode payload = JSON.readTree(Files.readString(PAYLOADS.resolve(aliasAndPayload[1])));

            assertThat(clocked()).as(aliasAndPayload[0]).anySatisfy(clocked -> {
                assertThat(clocked.target()).isEqualTo(Map.of("Ref", alias));
                assertThat(clocked.runsPerDay()).isGreaterThanOrEqualTo(1);
                assertThat(JSON.readTree(clocked.input())).isEqualTo(payload);
            });
        }
    }

    @Test
    void runsADayAreReadFromRatesAndCrons() {
        assertThat(runsPerDay("rate(1 minute)")).isEqualTo(1440);
        assertThat(runsPerDay("rate(5 minutes)")).isEqualTo(288);
        assertThat(runsPerDay("rate(2 hours)")).isEqualTo(12);
        assertThat(runsPerDay("rate(1 day)")).isEqualTo(1);
        assertThat(runsPerDay("cron(0 10 * * ? *)")).isEqualTo(1);
        assertThat(runsPerDay("cron(0,30 9-10 * * ? *)")).isEqualTo(4);
        assertThat(runsPerDay("cron(*/15 * * * ? *)")).isEqualTo(96);
    }

    /** Something a clock invokes: an EventBridge rule's target or a Scheduler schedule's. */
    private record Clocked(String id, String expression, Object target, String input) {
        double runsPerDay() {
            return IdleDayTest.runsPerDay(expression);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Clocked> clocked() {
        List<Clocked> clocked = new ArrayList<>();
        template.findResources("AWS::Events::Rule").forEach((id, resource) -> {
            Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) resource).get("Properties");
            if (properties.get("ScheduleExpression") != null) {
                for (Map<String, Object> target : (List<Map<String, Object>>) properties.get("Targets")) {
                    clocked.add(new Clocked(id, (String) properties.get("ScheduleExpression"), target.get("Arn"),
                            (String) target.get("Input")));
                }
            }
        });
        template.findResources("AWS::Scheduler::Schedule").forEach((id, resource) -> {
            Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) resource).get("Properties");
            Map<String, Object> target = (Map<String, Object>) properties.get("Target");
            clocked.add(new Clocked(id, (String) properties.get("ScheduleExpression"), target.get("Arn"),
                    target.get("Input") instanceof String input ? input : null));
        });
        return clocked;
    }

    /** Rates, and crons by their minute and hour fields (a day-of-month or weekday limit only makes it fewer). */
    static double runsPerDay(String expression) {
        Matcher rate = RATE.matcher(expression);
        if (rate.matches()) {
            double minutes = Double.parseDouble(rate.group(1)) * switch (rate.group(2).replaceAll("s$", "")) {
                case "minute" -> 1;
                case "hour" -> 60;
                default -> 1440;
            };
            return 1440 / minutes;
        }
        Matcher cron = CRON.matcher(expression);
        if (cron.matches()) {
            return values(cron.group(1), 60) * values(cron.group(2), 24);
        }
        throw new AssertionError("Not a schedule this test can count: " + expression);
    }

    private static int values(String field, int range) {
        int count = 0;
        for (String part : field.split(",")) {
            String[] stepped = part.split("/");
            int step = stepped.length > 1 ? Integer.parseInt(stepped[1]) : 1;
            int from = 0;
            int to = range - 1;
            if (!stepped[0].equals("*")) {
                String[] bounds = stepped[0].split("-");
                from = Integer.parseInt(bounds[0]);
                to = bounds.length > 1 ? Integer.parseInt(bounds[1]) : (stepped.length > 1 ? range - 1 : from);
            }
            count += (to - from) / step + 1;
        }
        return count;
    }
}
