package uk.clubreg.notices;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.conversations.HandOff;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;
import uk.clubreg.messaging.StaffNotices;
import uk.clubreg.parents.Parent;
import uk.clubreg.players.Player;
import uk.clubreg.players.PlayerRepository;
import uk.clubreg.players.PlayerRepository.TeamMember;
import uk.clubreg.players.RegistrationStatus;
import uk.clubreg.players.Stage;

/**
 * team_summary: the team's registrations in counts, and who needs a phone call: a parent not reachable on
 * WhatsApp or opted out of it while a registration is unfinished, and a parent waiting for a person.
 */
final class TeamSummaryJob implements JobHandler<Job.TeamSummary> {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.UK);

    private final PlayerRepository players;
    private final ConversationRepository conversations;
    private final StaffNotices staff;
    private final ZoneId zone;

    TeamSummaryJob(PlayerRepository players, ConversationRepository conversations, StaffNotices staff, ZoneId zone) {
        this.players = players;
        this.conversations = conversations;
        this.staff = staff;
        this.zone = zone;
    }

    @Override
    public void handle(Job.TeamSummary job) {
        List<TeamMember> team = players.team(job.teamName(), job.season()).stream()
                .filter(member -> member.player().stage() != Stage.ARCHIVED).toList();
        if (team.isEmpty()) {
            return;
        }
        Set<Long> conversationIds = team.stream().map(member -> member.player().conversationId())
                .filter(Objects::nonNull).collect(Collectors.toSet());
        Map<Long, HandOff> handOffs = conversations.handOffs(conversationIds);
        staff.tellTeamManagers(team.stream().map(TeamMember::player).toList(), job.deduplicationId(),
                summary(job, team, handOffs));
    }

    private String summary(Job.TeamSummary job, List<TeamMember> team, Map<Long, HandOff> handOffs) {
        StringBuilder text = new StringBuilder("Weekly registration summary for ").append(job.teamName()).append(", ")
                .append(job.season()).append(": ").append(team.size()).append(team.size() == 1 ? " player" : " players")
                .append(". Completed: ").append(count(team, RegistrationStatus.COMPLETED))
                .append(". Under way: ").append(count(team, RegistrationStatus.CONFIRMED))
                .append(". Not answered yet: ").append(count(team, RegistrationStatus.PENDING))
                .append(". Declined: ").append(count(team, RegistrationStatus.DECLINED)).append('.');
        List<String> calls = new ArrayList<>();
        for (TeamMember member : team) {
            whyPhone(member, handOffs.get(member.player().conversationId())).ifPresent(why -> calls.add("- "
                    + parentName(member.parent()) + " (" + member.parent().phone() + ") about "
                    + member.player().firstName() + ": " + why + "."));
        }
        text.append(calls.isEmpty() ? "\nNobody needs a phone call this week."
                : "\nPlease phone:\n" + String.join("\n", calls));
        return text.toString();
    }

    private Optional<String> whyPhone(TeamMember member, HandOff handOff) {
        if (handOff != null) {
            return Optional.of("asked for a person on " + DAY.format(handOff.since().atZone(zone)));
        }
        if (!member.player().unfinished()) {
            return Optional.empty();
        }
        if (member.parent().unreachableSince() != null) {
            return Optional.of("not reachable on WhatsApp");
        }
        if (member.parent().optedOutAt() != null) {
            return Optional.of("opted out of WhatsApp messages");
        }
        return Optional.empty();
    }

    private static String parentName(Parent parent) {
        return parent.fullName().isEmpty() ? "A parent" : parent.fullName();
    }

    private static long count(List<TeamMember> team, RegistrationStatus status) {
        return team.stream().filter(member -> member.player().status() == status).count();
    }
}
