package uk.clubreg.notices;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;
import uk.clubreg.messaging.StaffNotices;
import uk.clubreg.parents.Parent;
import uk.clubreg.parents.ParentRepository;
import uk.clubreg.players.Player;
import uk.clubreg.players.PlayerRepository;
import uk.clubreg.players.RegistrationStatus;

/** completion_notice: the player's team managers hear that the registration is complete. */
final class CompletionNoticeJob implements JobHandler<Job.CompletionNotice> {

    private static final Logger LOG = LoggerFactory.getLogger(CompletionNoticeJob.class);

    private final PlayerRepository players;
    private final ParentRepository parents;
    private final StaffNotices staff;

    CompletionNoticeJob(PlayerRepository players, ParentRepository parents, StaffNotices staff) {
        this.players = players;
        this.parents = parents;
        this.staff = staff;
    }

    @Override
    public void handle(Job.CompletionNotice job) {
        Player player = players.find(job.playerId()).orElse(null);
        if (player == null || player.status() != RegistrationStatus.COMPLETED) {
            LOG.atWarn().addKeyValue("player_id", job.playerId()).log("Not a completed registration; nothing sent");
            return;
        }
        String parent = parents.find(player.parentId()).map(Parent::fullName).filter(name -> !name.isEmpty())
                .orElse("their parent");
        staff.tellTeamManagers(List.of(player), job.deduplicationId(), player.fullName() + "'s registration for "
                + player.teamName() + ", " + player.season() + ", is complete. It was done by " + parent + ".");
        LOG.atInfo().addKeyValue("player_id", player.id()).log("Completion notice sent");
    }
}
