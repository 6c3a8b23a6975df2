package uk.clubreg.chasers;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.assistant.ConversationSettings;
import uk.clubreg.assistant.guided.GuidedTexts;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.http.Endpoint;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;
import uk.clubreg.messaging.WhatsAppReplies;
import uk.clubreg.outbox.Outbox;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.persistence.Transactions;
import uk.clubreg.players.Player;
import uk.clubreg.players.PlayerRepository;
import uk.clubreg.players.PlayerRepository.Unfinished;

/**
 * Reminders to parents who have not finished a registration (docs/decisions/0062-reminders.md). {@link #run()} is
 * the daily job (and {@code POST /admin/run/chasers}); {@link #chaseNow(long)} reminds one player's parent at once
 * (and {@code POST /admin/players/{player_id}/chase}). Either writes a send_reminder job per parent, with the
 * reminder counts, in one transaction; one parent gets at most one reminder a day, naming all their children the
 * reminder is about.
 */
public final class Chasers {

    private static final Logger LOG = LoggerFactory.getLogger(Chasers.class);

    /** What {@link #chaseNow} did: reminded, or why not; empty when the player does not exist. */
    public record Outcome(long playerId, boolean reminded, Optional<Skip> skipped, boolean finished) {}

    private final ReminderSettings settings;
    private final ReminderPolicy policy;
    private final Transactions transactions;
    private final PlayerRepository players;
    private final ConversationRepository conversations;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final WhatsAppReplies replies;
    private final ConversationSettings conversation;
    private final Clock clock;

    public Chasers(ReminderSettings settings, Transactions transactions, PlayerRepository players,
                   ConversationRepository conversations, Outbox outbox, OutboxRelay relay, WhatsAppReplies replies,
                   ConversationSettings conversation, Clock clock) {
        this.settings = settings;
        this.policy = new ReminderPolicy(settings);
        this.transactions = transactions;
        this.players = players;
        this.conversations = conversations;
        this.outbox = outbox;
        this.relay = relay;
        this.replies = replies;
        this.conversation = conversation;
        this.clock = clock;
    }

    /** Reminds every parent due a reminder today; a second run the same day sends nothing more. */
    public ChaseRun run() {
        Instant now = clock.instant();
        LocalDate today = settings.day(now);
        ChaseRun.Counts counts = new ChaseRun.Counts(today);
        List<Unfinished> unfinished = players.unfinishedInLiveConversations();
        counts.considered(unfinished.size());
        if (settings.quiet(now)) {
            counts.skipped(Skip.QUIET_HOURS, unfinished.size());
        } else {
            byConversation(unfinished).values().forEach(family -> remindIfDue(family, now, today, counts));
        }
        ChaseRun run = counts.done();
        LOG.atInfo().addKeyValue("day", today).addKeyValue("considered", run.considered())
                .addKeyValue("sent", run.sent()).addKeyValue("players_reminded", run.playersReminded())
                .addKeyValue("skipped", run.skippedByReason()).log("Reminders run");
        return run;
    }

    /**
     * Reminds this player's parent now, whatever the days since the last reminder and the maximum; never in quiet
     * hours, nor to a parent who opted out, is unreachable, is waiting for a person or was reminded today.
     *
     * @return empty when there is no such player
     */
    public Optional<Outcome> chaseNow(long playerId) {
        Optional<Unfinished> found = players.unfinished(playerId);
        if (found.isEmpty()) {
            return players.find(playerId).map(player -> new Outcome(playerId, false, Optional.empty(), true));
        }
        Instant now = clock.instant();
        LocalDate today = settings.day(now);
        Optional<Skip> refusal = settings.quiet(now) ? Optional.of(Skip.QUIET_HOURS)
                : policy.refusal(found.get(), today, true);
        if (refusal.isEmpty() && !remind(List.of(found.get()), now, today)) {
            refusal = Optional.of(Skip.REMINDED_TODAY);
        }
        LOG.atInfo().addKeyValue("player_id", playerId).addKeyValue("reminded", refusal.isEmpty())
                .addKeyValue("skipped", refusal.map(Skip::wireName).orElse(null)).log("Reminder asked for");
        return Optional.of(new Outcome(playerId, refusal.isEmpty(), refusal, false));
    }

    /** send_reminder. */
    public JobHandler<Job.SendReminder> reminderJob() {
        return new ReminderJob(players, conversations, replies, conversation);
    }

    /** POST /admin/run/chasers. */
    public Endpoint runEndpoint() {
        return request -> ChasersEndpoints.run(run(), request);
    }

    /** POST /admin/players/{player_id}/chase. */
    public Endpoint chasePlayerEndpoint() {
        return request -> ChasersEndpoints.chase(this, request);
    }

    /** One parent: the players they may be reminded about, if any of them is due. */
    private void remindIfDue(List<Unfinished> family, Instant now, LocalDate today, ChaseRun.Counts counts) {
        List<Unfinished> named = new ArrayList<>();
        boolean due = false;
        for (Unfinished registration : family) {
            Optional<Skip> refusal = policy.refusal(registration, today, false);
            if (refusal.isPresent()) {
                counts.skipped(refusal.get(), 1);
            } else {
                named.add(registration);
                due |= policy.due(registration, today);
            }
        }
        if (named.isEmpty()) {
            return;
        }
        if (!due) {
            counts.skipped(Skip.NOT_DUE, named.size());
        } else if (remind(named, now, today)) {
            counts.sent(named.size());
        } else {
            counts.skipped(Skip.REMINDED_TODAY, named.size());
        }
    }

    /** @return false when this parent was already reminded today (another run got there first) */
    private boolean remind(List<Unfinished> named, Instant now, LocalDate today) {
        Unfinished first = named.getFirst();
        List<Long> ids = named.stream().map(registration -> registration.player().id()).toList();
        Optional<Outbox.Pending> job = transactions.inTransaction(() -> {
            Optional<Outbox.Pending> added = outbox.add(new Job.SendReminder(first.parent().phone(),
                    first.conversationId(), ids, today));
            added.ifPresent(pending -> players.recordReminder(ids, now));
            return added;
        });
        job.ifPresent(relay::publish);
        return job.isPresent();
    }

    private static Map<Long, List<Unfinished>> byConversation(List<Unfinished> unfinished) {
        Map<Long, List<Unfinished>> families = new LinkedHashMap<>();
        unfinished.forEach(registration -> families
                .computeIfAbsent(registration.conversationId(), id -> new ArrayList<>()).add(registration));
        return families;
    }

    /** One message per case, in the parent's language: one child or several, the parent's name known or not. */
    static String reminderText(GuidedTexts texts, String parentFirstName, List<Player> children) {
        boolean named = parentFirstName != null && !parentFirstName.isBlank();
        String key = (children.size() == 1 ? "reminder.one" : "reminder.many") + (named ? "_named" : "_unnamed");
        Map<String, String> values = new HashMap<>(Map.of("season", children.getFirst().season(),
                "children", texts.list(children.stream().map(Player::firstName).toList())));
        if (named) {
            values.put("parent", parentFirstName);
        }
        return texts.text(key, values);
    }
}
