package uk.clubreg.invitations;

import java.math.BigDecimal;
import uk.clubreg.players.InvitationKind;
import uk.clubreg.players.InvitedPlayer;
import uk.clubreg.players.RegistrationStatus;

/** A stored invitation as the manager sees it: the player, their parent and the team they are invited to. */
public record Invitation(
        long id,
        long playerId,
        InvitationKind kind,
        RegistrationStatus status,
        Player player,
        Parent parent,
        Team team) {

    public record Player(String firstName, String lastName, BigDecimal membershipFee, BigDecimal subscriptionFee) {}

    public record Parent(String tel, String firstName, String lastName) {}

    public record Team(String club, String name, String ageGroup, String season, String managerFullName,
                       String managerTel) {}

    Invitation withKind(InvitationKind newKind) {
        return new Invitation(id, playerId, newKind, status, player, parent, team);
    }

    static Invitation of(InvitedPlayer invited) {
        uk.clubreg.players.Player player = invited.player();
        return new Invitation(invited.invitationId(), player.id(), invited.kind(), player.status(),
                new Player(player.firstName(), player.lastName(), player.membershipFee(), player.subscriptionFee()),
                new Parent(invited.parent().phone(), invited.parent().firstName(), invited.parent().lastName()),
                new Team(player.clubName(), player.teamName(), player.ageGroup(), player.season(),
                        player.managerFullName(), player.managerTel()));
    }
}
