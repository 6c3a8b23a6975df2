package uk.clubreg.invitations;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.jobs.Job;
import uk.clubreg.logging.Mask;
import uk.clubreg.outbox.Outbox;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.parents.Parent;
import uk.clubreg.parents.ParentRepository;
import uk.clubreg.persistence.DatabaseException;
import uk.clubreg.persistence.Transactions;
import uk.clubreg.players.InvitationKind;
import uk.clubreg.players.InvitedPlayer;
import uk.clubreg.players.PlayerRepository;
import uk.clubreg.players.RegistrationStatus;

/**
 * Accepts a manager's invitation. In one transaction: the parent (by phone), their live conversation for the
 * season (a new season archives the old one), the player, the invitation and its "send invitation" job; then the
 * job goes to the queue. If the queue (or the database, after the commit) fails at that moment the job waits in the
 * outbox and the sweeper sends it, so an accepted invitation is never lost. The same child for the same parent and
 * season is the same player, so a repeated invitation finds what the first one wrote and adds nothing, unless the
 * parent has started that registration and not finished it: then the existing-registration template goes, once
 * until the parent answers it (docs/decisions/0061-existing-registration-only-for-a-reinvitation.md).
 */
public final class InvitationService {

    private static final Logger LOG = LoggerFactory.getLogger(InvitationService.class);

    /** What one invitation did; {@code job} is empty when nothing new needs sending. */
    private record Saved(InvitationResult result, Optional<Outbox.Pending> job) {}

    private final Transactions transactions;
    private final ParentRepository parents;
    private final ConversationRepository conversations;
    private final PlayerRepository players;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final SeasonRollover seasons;
    private final String clubName;
    private final Clock clock;

    public InvitationService(Transactions transactions, ParentRepository parents, ConversationRepository conversations,
                             PlayerRepository players, Outbox outbox, OutboxRelay relay, SeasonRollover seasons,
                             String clubName, Clock clock) {
        this.transactions = transactions;
        this.parents = parents;
        this.conversations = conversations;
        this.players = players;
        this.outbox = outbox;
        this.relay = relay;
        this.seasons = seasons;
        this.clubName = clubName;
        this.clock = clock;
    }

    public InvitationResult invite(InvitationRequest request, String requestId) {
        Saved saved = transactions.inTransaction(() -> save(request, requestId));
        logSaved(saved);
        saved.job().ifPresent(this::publish);
        return saved.result();
    }

    /**
     * A squad at once: every invitation, with its job, in one transaction, then the jobs to the queue in batches.
     * The parents are locked in phone order, so two bulk requests that share parents wait for each other instead of
     * deadlocking. Results come back in the order of {@code requests}.
     */
    public List<InvitationResult> inviteAll(List<InvitationRequest> requests, String requestId) {
        List<Integer> lockOrder = IntStream.range(0, requests.size()).boxed()
                .sorted(Comparator.comparing(i -> requests.get(i).parentTel())).toList();
        Saved[] saved = new Saved[requests.size()];
        transactions.inTransaction(() -> {
            for (int index : lockOrder) {
                saved[index] = save(requests.get(index), requestId);
            }
        });
        List<Outbox.Pending> jobs = new ArrayList<>();
        for (Saved one : saved) {
            logSaved(one);
            one.job().ifPresent(jobs::add);
        }
        try {
            relay.publishAll(jobs);
        } catch (DatabaseException e) {
            LOG.atWarn().setCause(e).addKeyValue("jobs", jobs.size())
                    .log("Could not relay the invitation jobs now; the sweeper will");
        }
        return Arrays.stream(saved).map(Saved::result).toList();
    }

    private static void logSaved(Saved saved) {
        Invitation invitation = saved.result().invitation();
        LOG.atInfo()
                .addKeyValue("invitation_id", invitation.id())
                .addKeyValue("player_id", invitation.playerId())
                .addKeyValue("parent", Mask.phone(invitation.parent().tel()))
                .addKeyValue("kind", invitation.kind().wireName())
                .addKeyValue("created", saved.result().created())
                .addKeyValue("reinvited", saved.result().reinvited())
                .log(saved.result().created() ? "Invitation accepted" : "Invitation already made");
    }

    private Saved save(InvitationRequest request, String requestId) {
        // The upsert locks the parent's row until commit, so invitations for one parent run one after another:
        // the second sees the first's player and conversation.
        Parent parent = parents.upsert(request.parentTel(), request.parentFirstName(), request.parentLastName());
        Optional<InvitedPlayer> existing = players.findInvited(parent.id(), request.playerFirstName(),
                request.playerLastName(), request.season());
        if (existing.isPresent()) {
            return invitedAgain(existing.get());
        }
        // A sibling, or the next season, always gets the full invitation.
        long conversationId = seasons.conversationFor(parent.id(), request.season());
        Long lastSeason = players.lastCompletedBefore(parent.id(), request.playerFirstName(), request.playerLastName(),
                request.season()).orElse(null);
        long playerId = players.insert(new PlayerRepository.NewPlayer(parent.id(), conversationId,
                request.playerFirstName(), request.playerLastName(), clubName, request.teamName(), request.ageGroup(),
                request.season(), request.managerFullName(), request.managerTel(), request.membershipFee(),
                request.subscriptionFee(), lastSeason));
        long invitationId = players.insertInvitation(playerId, requestId, clock.instant());
        Optional<Outbox.Pending> job = outbox.add(new Job.SendInvitation(request.parentTel(), invitationId, 0));
        Invitation invitation = new Invitation(invitationId, playerId, InvitationKind.NEW, RegistrationStatus.PENDING,
                new Invitation.Player(request.playerFirstName(), request.playerLastName(), request.membershipFee(),
                        request.subscriptionFee()),
                new Invitation.Parent(parent.phone(), parent.firstName(), parent.lastName()),
                new Invitation.Team(clubName, request.teamName(), request.ageGroup(), request.season(),
                        request.managerFullName(), request.managerTel()));
        return new Saved(new InvitationResult(invitation, true, false), job);
    }

    /**
     * The same player again. When the parent has replied in the player's live conversation and the registration is
     * unfinished, the existing-registration template goes, unless one is still waiting for the parent's answer; a
     * parent who has not replied yet is left to the reminders.
     */
    private Saved invitedAgain(InvitedPlayer invited) {
        boolean started = conversations.live(invited.parent().id())
                .filter(live -> live.parentHasReplied()
                        && Long.valueOf(live.id()).equals(invited.player().conversationId()))
                .isPresent();
        if (!started || !invited.player().unfinished() || invited.reinvitationUnanswered()) {
            return new Saved(new InvitationResult(Invitation.of(invited), false, false), Optional.empty());
        }
        int round = players.reinvite(invited.invitationId());
        Optional<Outbox.Pending> job = outbox.add(new Job.SendInvitation(invited.parent().phone(),
                invited.invitationId(), round));
        Invitation invitation = Invitation.of(invited).withKind(InvitationKind.EXISTING);
        return new Saved(new InvitationResult(invitation, false, true), job);
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
