package uk.clubreg.daily;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import uk.clubreg.http.Endpoint;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.logging.Alarm;

/**
 * The once-a-day work of a season (docs/decisions/0054-one-daily-run.md): the steps run in order, each on its own,
 * so one that fails is reported and alarmed on while the others still run. Every step is safe to run twice a day:
 * a second run adds nothing. Run by a schedule (EventBridge Scheduler in AWS, a timer in the local stack) and by
 * {@code POST /admin/run/daily}.
 */
public final class DailyRun {

    private static final Logger LOG = LoggerFactory.getLogger(DailyRun.class);

    /** One step: its name in the report, and the work, which answers its counts. */
    public record Step(String name, Supplier<Map<String, ?>> work) {}

    private final List<Step> steps;
    private final ZoneId zone;
    private final Clock clock;

    public DailyRun(List<Step> steps, ZoneId zone, Clock clock) {
        this.steps = List.copyOf(steps);
        this.zone = zone;
        this.clock = clock;
    }

    /** Runs every step; never throws for a step's failure, which is in the report and raised as an alarm. */
    public DailyReport run() {
        LocalDate day = LocalDate.ofInstant(clock.instant(), zone);
        Map<String, Map<String, ?>> counts = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        for (Step step : steps) {
            try {
                counts.put(step.name(), step.work().get());
            } catch (RuntimeException e) {
                failed.add(step.name());
                Alarm.DAILY_RUN_FAILED.raise(LOG.atError().setCause(e).addKeyValue("step", step.name()),
                        "A step of the daily run failed; the other steps still ran");
            }
        }
        DailyReport report = new DailyReport(day, counts, failed);
        LoggingEventBuilder line = report.ok() ? LOG.atInfo() : LOG.atWarn();
        line.addKeyValue("day", day);
        counts.forEach(line::addKeyValue);
        line.addKeyValue("failed", String.join(",", failed)).log("Daily run");
        return report;
    }

    /**
     * POST /admin/run/daily: every step's counts; a failed step is named in {@code failed} ({@code "ok": false})
     * and raises DailyRunErrors, so the answer stays 200 rather than raising Api5xx as well.
     */
    public Endpoint endpoint() {
        return request -> {
            DailyReport report = run();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("request_id", request.requestId());
            json.putAll(report.json());
            return HttpResponse.json(200, json);
        };
    }
}
