package uk.clubreg.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import java.time.Duration;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.config.Setting;
import uk.clubreg.logging.RequestContext;

/**
 * Scheduled every minute: publishes outbox jobs that are still unpublished after OUTBOX_SWEEP_AFTER_SECONDS
 * (the queue was down, or the process stopped between commit and publish). Returns how many it published.
 */
public final class OutboxSweeperHandler implements RequestHandler<ScheduledEvent, Integer> {

    /** Enough for a minute's backlog; the next run takes the rest. */
    static final int BATCH_LIMIT = 500;

    private final RegistrationSystem system;

    public OutboxSweeperHandler() {
        this(ApiFunction.shared());
    }

    public OutboxSweeperHandler(RegistrationSystem system) {
        this.system = system;
    }

    @Override
    public Integer handleRequest(ScheduledEvent event, Context context) {
        try (RequestContext ignored = RequestContext.open(ScheduledRuns.runId(event, context, "sweep"), "outbox-sweep")) {
            Duration olderThan = Duration.ofSeconds(system.config().getInt(Setting.OUTBOX_SWEEP_AFTER_SECONDS));
            return system.outboxRelay().sweep(olderThan, BATCH_LIMIT);
        }
    }
}
