package uk.clubreg.jobs;

import java.util.EnumMap;
import java.util.Map;

/** Routes a job to the handler for its type. */
public final class JobDispatcher implements JobHandler {

    private final Map<JobType, JobHandler> handlers = new EnumMap<>(JobType.class);

    public JobDispatcher on(JobType type, JobHandler handler) {
        handlers.put(type, handler);
        return this;
    }

    @Override
    public void handle(Job job) {
        JobHandler handler = handlers.get(job.type());
        if (handler == null) {
            throw new IllegalStateException("No handler for job type " + job.type().wireName());
        }
        handler.handle(job);
    }
}
