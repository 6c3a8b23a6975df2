package uk.clubreg.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;

/** What the scheduled handlers share: the id on every log line of one run. */
final class ScheduledRuns {

    private ScheduledRuns() {}

    /** The schedule's event id, else Lambda's request id, else (the local stack's timers) a fresh one. */
    static String runId(ScheduledEvent event, Context context, String prefix) {
        return event != null && event.getId() != null ? event.getId()
                : context != null ? context.getAwsRequestId() : prefix + "-" + System.nanoTime();
    }
}
