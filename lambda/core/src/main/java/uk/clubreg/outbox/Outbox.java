package uk.clubreg.outbox;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import uk.clubreg.jobs.Job;

/**
 * Writes a job in the caller's transaction, so the job exists exactly when the change that caused it does. Call
 * it inside {@code Transactions.inTransaction}, then hand the result to {@link OutboxRelay#publish} after the
 * commit.
 */
public final class Outbox {

    /** A job written to the outbox in a transaction not yet published: what the relay sends after the commit. */
    public record Pending(long id, Job job) {}

    private final OutboxRepository repository;

    public Outbox(OutboxRepository repository) {
        this.repository = repository;
    }

    /** @return the new outbox entry, or empty when the job was already there */
    public Optional<Pending> add(Job job) {
        return repository.add(job).map(id -> new Pending(id, job));
    }

    /** {@link #add} for several jobs in one statement, in their order. */
    public List<Optional<Pending>> addAll(List<Job> jobs) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        List<Optional<Long>> ids = repository.addAll(jobs);
        return IntStream.range(0, jobs.size()).mapToObj(i -> ids.get(i).map(id -> new Pending(id, jobs.get(i))))
                .toList();
    }
}
