package uk.clubreg.notices;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;
import uk.clubreg.messaging.StaffNotices;
import uk.clubreg.outbox.Outbox;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.parents.ParentRepository;
import uk.clubreg.persistence.Transactions;
import uk.clubreg.players.PlayerRepository;

/**
 * What team managers hear without asking (docs/decisions/0066-manager-notices.md): that one of their players has
 * completed (when NOTIFY_MANAGER_ON_COMPLETE is on), and a weekly summary of their team with who needs a phone
 * call. Both go to the team's managers, or the club admins when no manager has a phone, by template outside the
 * recipient's window.
 */
public final class ManagerNotices {

    /** The FIFO group of the summaries: one team's summary never waits on a parent's jobs. */
    static final String SUMMARY_GROUP = "team-summaries";

    private static final Logger LOG = LoggerFactory.getLogger(ManagerNotices.class);

    private final Transactions transactions;
    private final PlayerRepository players;
    private final ConversationRepository conversations;
    private final ParentRepository parents;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final StaffNotices staff;
    private final DayOfWeek summaryDay;
    private final String currentSeason;
    private final ZoneId zone;
    private final Clock clock;

    public ManagerNotices(Transactions transactions, PlayerRepository players, ConversationRepository conversations,
                          ParentRepository parents, Outbox outbox, OutboxRelay relay, StaffNotices staff,
                          DayOfWeek summaryDay, String currentSeason, ZoneId zone, Clock clock) {
        this.transactions = transactions;
        this.players = players;
        this.conversations = conversations;
        this.parents = parents;
        this.outbox = outbox;
        this.relay = relay;
        this.staff = staff;
        this.summaryDay = summaryDay;
        this.currentSeason = currentSeason;
        this.zone = zone;
        this.clock = clock;
    }

    /** MANAGER_SUMMARY_DAY. @throws IllegalStateException when it is not a day of the week */
    public static DayOfWeek summaryDay(Config config) {
        String day = config.require(Setting.MANAGER_SUMMARY_DAY).trim().toUpperCase(Locale.ROOT);
        try {
            return DayOfWeek.valueOf(day);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Setting MANAGER_SUMMARY_DAY must be a day, MONDAY to SUNDAY: " + day, e);
        }
    }

    /**
     * The daily run: on the summary day, one team_summary job per team of CURRENT_SEASON with a registration still
     * in progress. A second run the same day adds nothing.
     *
     * @return how many summaries were queued
     */
    public int queueWeeklySummaries() {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        if (today.getDayOfWeek() != summaryDay) {
            return 0;
        }
        List<String> teams = players.teamsWithUnfinished(currentSeason);
        List<Outbox.Pending> queued = transactions.inTransaction(() -> teams.stream()
                .map(team -> outbox.add(new Job.TeamSummary(SUMMARY_GROUP, team, currentSeason, today)))
                .flatMap(Optional::stream).toList());
        queued.forEach(relay::publish);
        LOG.atInfo().addKeyValue("teams", teams.size()).addKeyValue("queued", queued.size())
                .log("Weekly team summaries queued");
        return queued.size();
    }

    /** completion_notice. */
    public JobHandler<Job.CompletionNotice> completionJob() {
        return new CompletionNoticeJob(players, parents, staff);
    }

    /** team_summary. */
    public JobHandler<Job.TeamSummary> summaryJob() {
        return new TeamSummaryJob(players, conversations, staff, zone);
    }
}
