package uk.clubreg.invitations;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.logging.Mask;
import uk.clubreg.outbox.Outbox;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.persistence.Database;
import uk.clubreg.persistence.DatabaseException;

/**
 * Accepts a manager's invitation: stores it with its "send invitation" job in one transaction, then hands the job
 * to the queue. If the queue (or the database, after the commit) fails at that moment the job waits in the outbox
 * and the sweeper sends it, so an accepted invitation is never lost.
 */
public final class InvitationService {

    private static final Logger LOG = LoggerFactory.getLogger(InvitationService.class);

    private final Database database;
    private final OutboxRelay relay;
    private final InvitationStore store;

    public InvitationService(Database database, OutboxRelay relay, String clubName) {
        this.database = database;
        this.relay = relay;
        this.store = new InvitationStore(new Outbox(), clubName);
    }

    public InvitationResult invite(InvitationRequest request, String requestId) {
        InvitationStore.Saved saved = database.inTransaction(tx -> store.save(tx, request, requestId));
        Invitation invitation = saved.result().invitation();
        LOG.atInfo()
                .addKeyValue("invitation_id", invitation.id())
                .addKeyValue("player_id", invitation.playerId())
                .addKeyValue("parent", Mask.phone(invitation.parent().tel()))
                .addKeyValue("kind", invitation.kind().name().toLowerCase(Locale.ROOT))
                .addKeyValue("created", saved.result().created())
                .log(saved.result().created() ? "Invitation accepted" : "Invitation already made");
        saved.job().ifPresent(this::publish);
        return saved.result();
    }

    private void publish(Outbox.Pending job) {
        try {
            relay.publish(job);
        } catch (DatabaseException e) {
            LOG.atWarn().setCause(e).addKeyValue("outbox_id", job.id())
                    .log("Could not relay the invitation job now; the sweeper will");
        }
    }
}
