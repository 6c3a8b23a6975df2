package uk.clubreg.invitations;

import uk.clubreg.jobs.JobQueue;
import uk.clubreg.testsupport.Repositories;

/** The invitation service over a test database, relaying its jobs to {@code queue}. */
public final class Invitations {

    private Invitations() {}

    public static InvitationService service(Repositories repositories, JobQueue queue) {
        return new InvitationService(repositories.database(), repositories.parents(), repositories.conversations(),
                repositories.players(), repositories.outbox(), repositories.relay(queue), "Urmston Town Juniors FC");
    }
}
