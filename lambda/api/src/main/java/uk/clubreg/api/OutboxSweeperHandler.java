package uk.clubreg.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.logging.RequestContext;

/**
 * Started by the OutboxPublishFailed alarm, on no schedule (docs/decisions/0055-idle-costs-nothing.md): publishes
 * outbox jobs still unpublished after OUTBOX_SWEEP_AFTER_SECONDS (the queue was down, or the process stopped
 * between commit and publish). Returns how many it published. The event (CloudWatch's alarm event) is read as a
 * plain map: nothing in it is needed.
 */
public final class OutboxSweeperHandler implements RequestHandler<Map<String, Object>, Integer> {

    private final RegistrationSystem system;

    public OutboxSweeperHandler() {
        this(ApiFunction.shared());
    }

    public OutboxSweeperHandler(RegistrationSystem system) {
        this.system = system;
    }

    @Override
    public Integer handleRequest(Map<String, Object> event, Context context) {
        try (RequestContext ignored = RequestContext.open(ScheduledRuns.runId(null, context, "sweep"), "outbox-sweep")) {
            return system.outboxSweeper().sweep();
        }
    }
}
