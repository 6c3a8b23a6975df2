package uk.clubreg.console;

import java.util.Arrays;
import uk.clubreg.audit.Actor;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;
import uk.clubreg.phone.PhoneNumbers;
import uk.clubreg.players.Player;
import uk.clubreg.players.PlayerRepository;

/**
 * Who may use the console and what they see (docs/console.md): a club admin (CLUB_ADMIN_TELS, read on each
 * question so a change applies at once) sees every team; a team manager (the phone an invitation gives as
 * {@code team_manager_1_tel}) sees the teams, of every season, that name them.
 */
final class Access {

    private final Config config;
    private final PlayerRepository players;

    Access(Config config, PlayerRepository players) {
        this.config = config;
        this.players = players;
    }

    boolean maySignIn(String phone) {
        return isClubAdmin(phone) || players.isTeamManager(phone);
    }

    boolean isClubAdmin(String phone) {
        String region = config.require(Setting.DEFAULT_PHONE_REGION);
        return config.get(Setting.CLUB_ADMIN_TELS).stream()
                .flatMap(tels -> Arrays.stream(tels.split(",")))
                .filter(entry -> !entry.isBlank())
                .anyMatch(entry -> PhoneNumbers.toE164(entry.trim(), region).filter(phone::equals).isPresent());
    }

    boolean seesTeam(Viewer viewer, String teamName, String season) {
        // PostgreSQL text holds no NUL, so no team is named with one (and looking it up would be an error).
        if (teamName.indexOf('\0') >= 0 || season.indexOf('\0') >= 0) {
            return false;
        }
        return viewer.clubAdmin() || players.manages(viewer.phone(), teamName, season);
    }

    boolean seesPlayer(Viewer viewer, Player player) {
        return seesTeam(viewer, player.teamName(), player.season());
    }

    /** The viewer as the access audit names them: masked, never the raw number. */
    static Actor actor(Viewer viewer) {
        return viewer.clubAdmin() ? Actor.admin(viewer.phone()) : Actor.manager(viewer.phone());
    }
}
