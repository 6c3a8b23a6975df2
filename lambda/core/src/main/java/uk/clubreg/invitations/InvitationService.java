package uk.clubreg.invitations;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.conversations.ConversationRepository.LiveConversation;
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
     * Results come back in the order of {@code requests}.
     */
    public List<InvitationResult> inviteAll(List<InvitationRequest> requests, String requestId) {
        Saved[] saved = transactions.inTransaction(() -> independent(requests)
                ? saveAll(requests, requestId) : saveOneByOne(requests, requestId));
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

    /**
     * Whether no item depends on what another of the same request writes: no child twice, and one season for each
     * parent. Such a squad is written set-based; any other is written one item at a time.
     */
    static boolean independent(List<InvitationRequest> requests) {
        Set<List<String>> children = new HashSet<>();
        Map<String, String> seasons = new HashMap<>();
        for (InvitationRequest request : requests) {
            boolean repeated = !children.add(List.of(request.parentTel(),
                    request.playerFirstName().toLowerCase(Locale.ROOT),
                    request.playerLastName().toLowerCase(Locale.ROOT), request.season()));
            if (repeated || !seasons.computeIfAbsent(request.parentTel(), tel -> request.season())
                    .equals(request.season())) {
                return false;
            }
        }
        return true;
    }

    /**
     * The squad with one statement a step, whatever its size (docs/decisions/0018-bulk-invitations-set-based.md).
     * The parents are locked first, in phone order, so two squads that share parents wait for each other instead
     * of deadlocking, and a single invitation for one of them waits too.
     */
    private Saved[] saveAll(List<InvitationRequest> requests, String requestId) {
        Map<String, ParentRepository.Named> named = new HashMap<>();
        for (InvitationRequest request : requests) {
            named.merge(request.parentTel(), new ParentRepository.Named(request.parentTel(),
                    request.parentFirstName(), request.parentLastName()), (earlier, later) ->
                    new ParentRepository.Named(earlier.phone(),
                            later.firstName() != null ? later.firstName() : earlier.firstName(),
                            later.lastName() != null ? later.lastName() : earlier.lastName()));
        }
        Map<String, Parent> parentsByPhone = parents.upsertAll(named.values());
        List<PlayerRepository.Child> children = requests.stream().map(request -> new PlayerRepository.Child(
                parentsByPhone.get(request.parentTel()).id(), request.playerFirstName(), request.playerLastName(),
                request.season())).toList();
        List<Optional<InvitedPlayer>> invited = players.findInvitedAll(children);
        Map<Long, LiveConversation> live = conversations.liveAll(
                parentsByPhone.values().stream().map(Parent::id).toList());

        List<Integer> fresh = IntStream.range(0, requests.size()).filter(i -> invited.get(i).isEmpty()).boxed()
                .toList();
        Map<Long, String> freshSeasons = new HashMap<>();
        fresh.forEach(i -> freshSeasons.put(children.get(i).parentId(), children.get(i).season()));
        Map<Long, Long> conversationIds = seasons.conversationsFor(freshSeasons, live);
        List<Long> lastSeason = players.lastCompletedBeforeAll(fresh.stream().map(children::get).toList());
        List<Long> playerIds = players.insertAll(IntStream.range(0, fresh.size()).mapToObj(k -> {
            InvitationRequest request = requests.get(fresh.get(k));
            long parentId = children.get(fresh.get(k)).parentId();
            return newPlayer(request, parentId, conversationIds.get(parentId), lastSeason.get(k));
        }).toList());
        List<Long> invitationIds = players.insertInvitations(playerIds, requestId, clock.instant());
        List<Optional<Outbox.Pending>> jobs = outbox.addAll(IntStream.range(0, fresh.size())
                .<Job>mapToObj(k -> new Job.SendInvitation(requests.get(fresh.get(k)).parentTel(),
                        invitationIds.get(k), 0)).toList());

        Saved[] saved = new Saved[requests.size()];
        for (int k = 0; k < fresh.size(); k++) {
            InvitationRequest request = requests.get(fresh.get(k));
            saved[fresh.get(k)] = created(request, parentsByPhone.get(request.parentTel()), playerIds.get(k),
                    invitationIds.get(k), jobs.get(k));
        }
        for (int i = 0; i < requests.size(); i++) {
            if (saved[i] == null) {
                long parentId = children.get(i).parentId();
                saved[i] = invitedAgain(invited.get(i).orElseThrow(), Optional.ofNullable(
                        liveAfter(live.get(parentId), conversationIds.get(parentId), children.get(i).season())));
            }
        }
        return saved;
    }

    /** A parent's live conversation once their new players have theirs: a new one has no replies yet. */
    private static LiveConversation liveAfter(LiveConversation before, Long conversationId, String season) {
        if (conversationId == null) {
            return before;
        }
        boolean replied = before != null && before.id() == conversationId && before.parentHasReplied();
        return new LiveConversation(conversationId, replied, season);
    }

    /** Each item in turn, the parents locked in phone order as in {@link #saveAll}. */
    private Saved[] saveOneByOne(List<InvitationRequest> requests, String requestId) {
        Saved[] saved = new Saved[requests.size()];
        IntStream.range(0, requests.size()).boxed()
                .sorted(Comparator.comparing(i -> requests.get(i).parentTel()))
                .forEach(index -> saved[index] = save(requests.get(index), requestId));
        return saved;
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
            return invitedAgain(existing.get(), conversations.live(parent.id()));
        }
        // A sibling, or the next season, always gets the full invitation.
        long conversationId = seasons.conversationFor(parent.id(), request.season());
        Long lastSeason = players.lastCompletedBefore(parent.id(), request.playerFirstName(), request.playerLastName(),
                request.season()).orElse(null);
        long playerId = players.insert(newPlayer(request, parent.id(), conversationId, lastSeason));
        long invitationId = players.insertInvitation(playerId, requestId, clock.instant());
        return created(request, parent, playerId, invitationId,
                outbox.add(new Job.SendInvitation(request.parentTel(), invitationId, 0)));
    }

    private PlayerRepository.NewPlayer newPlayer(InvitationRequest request, long parentId, long conversationId,
                                                 Long lastSeason) {
        return new PlayerRepository.NewPlayer(parentId, conversationId, request.playerFirstName(),
                request.playerLastName(), clubName, request.teamName(), request.ageGroup(), request.season(),
                request.managerFullName(), request.managerTel(), request.membershipFee(), request.subscriptionFee(),
                lastSeason);
    }

    private Saved created(InvitationRequest request, Parent parent, long playerId, long invitationId,
                          Optional<Outbox.Pending> job) {
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
    private Saved invitedAgain(InvitedPlayer invited, Optional<LiveConversation> live) {
        boolean started = live
                .filter(conversation -> conversation.parentHasReplied()
                        && Long.valueOf(conversation.id()).equals(invited.player().conversationId()))
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
