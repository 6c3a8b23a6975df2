package uk.clubreg.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.util.Map;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.daily.DailyReport;
import uk.clubreg.logging.RequestContext;

/**
 * Invoked once a day by EventBridge Scheduler: runs the daily run and returns its counts. A failed step makes the
 * invocation fail too, so the schedule retries it (every step is safe to run twice a day) and the function's
 * errors count towards DailyRunErrors.
 */
public final class DailyRunHandler implements RequestHandler<ScheduledEvent, Map<String, Object>> {

    private final RegistrationSystem system;

    public DailyRunHandler() {
        this(ApiFunction.shared());
    }

    public DailyRunHandler(RegistrationSystem system) {
        this.system = system;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledEvent event, Context context) {
        try (RequestContext ignored = RequestContext.open(ScheduledRuns.runId(event == null ? null : event.getId(), context, "daily"), "daily-run")) {
            DailyReport report = system.dailyRun().run();
            if (!report.ok()) {
                throw new IllegalStateException("Daily run steps failed: " + String.join(", ", report.failed()));
            }
            return report.json();
        }
    }
}
