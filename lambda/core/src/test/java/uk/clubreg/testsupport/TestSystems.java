package uk.clubreg.testsupport;

import java.time.Clock;
import uk.clubreg.app.Adapters;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.assistant.ResponderFactory;
import uk.clubreg.config.Config;
import uk.clubreg.jobs.JobQueue;
import uk.clubreg.persistence.Database;

/** The whole system over a test database, built by the one composition root with the production adapters. */
public final class TestSystems {

    private TestSystems() {}

    /** Jobs go to {@code queue}; parents are answered by the guided dialogue. */
    public static RegistrationSystem withQueue(Config config, Database database, JobQueue queue, Clock clock) {
        return new RegistrationSystem(config, Adapters.fromConfig(config, database).withQueue(queue).withClock(clock));
    }

    /** No queue: jobs run inline, and {@code responder} answers parents. */
    public static RegistrationSystem inline(Config config, Database database, Clock clock,
                                            ResponderFactory responder) {
        return new RegistrationSystem(config, Adapters.fromConfig(config, database).withoutQueue().withClock(clock)
                .withResponder(responder));
    }
}
