package uk.clubreg.api;

import com.amazonaws.services.lambda.runtime.Context;

/** What the scheduled handlers share: the id on every log line of one run. */
final class ScheduledRuns {

    private ScheduledRuns() {}

    /** The event's id, else Lambda's request id, else (the local stack's timers) a fresh one. */
    static String runId(String eventId, Context context, String prefix) {
        return eventId != null ? eventId
                : context != null ? context.getAwsRequestId() : prefix + "-" + System.nanoTime();
    }
}
