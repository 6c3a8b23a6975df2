package uk.clubreg.invitations;

import java.time.Clock;
import uk.clubreg.jobs.JobQueue;
import uk.clubreg.testsupport.Repositories;

/** The invitation service over a test database, relaying its jobs to {@code queue}. */
public final class Invitations {

    private Invitations() {}

    public static InvitationService service(Repositories repositories, JobQueue queue) {
        return service(repositories, queue, Clock.systemUTC());
    }

    /** On {@code clock}, with 2026-27 as the current season. */
    public static InvitationService service(Repositories repositories, JobQueue queue, Clock clock) {
        return new InvitationService(repositories.database(), repositories.parents(), repositories.conversations(),
                repositories.players(), repositories.outbox(), repositories.relay(queue),
                new SeasonRollover(repositories.database(), repositories.conversations(), repositories.players(),
                        "2026-27"), "Urmston Town Juniors FC", clock);
    }
}
