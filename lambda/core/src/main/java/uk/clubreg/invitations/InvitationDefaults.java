package uk.clubreg.invitations;

import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;

/** What an invitation gets when the manager leaves it out: all from configuration, none from code. */
public record InvitationDefaults(String clubName, String teamName, String season, String phoneRegion) {

    public static InvitationDefaults from(Config config) {
        return new InvitationDefaults(
                config.require(Setting.CLUB_NAME),
                config.require(Setting.DEFAULT_TEAM_NAME),
                config.require(Setting.CURRENT_SEASON),
                config.require(Setting.DEFAULT_PHONE_REGION));
    }
}
