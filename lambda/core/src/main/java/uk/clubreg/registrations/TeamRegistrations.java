package uk.clubreg.registrations;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import uk.clubreg.conversations.AiTokens;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.conversations.HandOff;
import uk.clubreg.players.Player;
import uk.clubreg.players.PlayerRepository;
import uk.clubreg.players.RequiredDetails;

/** Reads a team's registrations for a season: every invited player, oldest invitation first. */
public final class TeamRegistrations {

    private final PlayerRepository players;
    private final ConversationRepository conversations;

    public TeamRegistrations(PlayerRepository players, ConversationRepository conversations) {
        this.players = players;
        this.conversations = conversations;
    }

    public List<PlayerRegistration> of(String teamName, String season) {
        List<PlayerRepository.TeamMember> team = players.team(teamName, season);
        List<Player> teamPlayers = team.stream().map(PlayerRepository.TeamMember::player).toList();
        // Only the conversations of these players: the cost does not grow with the club's whole history.
        Set<Long> conversationIds = teamPlayers.stream().map(Player::conversationId).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Map<Long, AiTokens> tokens = TokenUsage.perPlayer(teamPlayers, conversations.aiTokens(conversationIds),
                players.countByConversation(conversationIds));
        Map<Long, HandOff> handOffs = conversations.handOffs(conversationIds);
        return team.stream().map(member -> new PlayerRegistration(member.player(),
                RequiredDetails.missingDetails(member.player()).stream().map(RequiredDetails.Detail::wireName).toList(),
                member.parent(), tokens.get(member.player().id()),
                member.player().conversationId() == null ? null : handOffs.get(member.player().conversationId())))
                .toList();
    }
}
