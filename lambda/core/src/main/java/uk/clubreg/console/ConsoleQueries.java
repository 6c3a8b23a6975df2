package uk.clubreg.console;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.clubreg.audit.AccessAudit;
import uk.clubreg.audit.AuditAction;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.conversations.TranscriptLine;
import uk.clubreg.photos.PhotoFiles;
import uk.clubreg.photos.StoredPhoto;
import uk.clubreg.players.Player;
import uk.clubreg.players.PlayerRepository;
import uk.clubreg.players.RegistrationStatus;
import uk.clubreg.players.Team;
import uk.clubreg.registrations.PlayerRegistration;
import uk.clubreg.registrations.TeamRegistrations;

/**
 * What the console reads, in the viewer's scope: the pages and the JSON API (decision 0075) both ask here, so both
 * see the same teams, refuse the same ids (empty: answered 404) and record the same access audit.
 */
final class ConsoleQueries {

    /** A player the viewer may see: their registration (empty if the team no longer lists it) and conversation. */
    record PlayerDetails(Player player, Optional<PlayerRegistration> registration, List<TranscriptLine> transcript) {}

    /** A team as its players' invitations name it. */
    record TeamName(String name, String season) {}

    /** Neither part can hold a NUL: PostgreSQL refuses one in text. */
    private static final char SEPARATOR = '\0';
    private static final Base64.Encoder TEAM_ID = Base64.getUrlEncoder().withoutPadding();

    private final Access access;
    private final PlayerRepository players;
    private final ConversationRepository conversations;
    private final TeamRegistrations registrations;
    private final Rosters rosters;
    private final AccessAudit audit;
    private final PhotoFiles photos;

    ConsoleQueries(Access access, PlayerRepository players, ConversationRepository conversations,
                   TeamRegistrations registrations, Rosters rosters, AccessAudit audit, PhotoFiles photos) {
        this.access = access;
        this.players = players;
        this.conversations = conversations;
        this.registrations = registrations;
        this.rosters = rosters;
        this.audit = audit;
        this.photos = photos;
    }

    /** Every team of every season for a club admin; a team manager's own teams, every season. */
    List<Team> teams(Viewer viewer) {
        return viewer.clubAdmin() ? players.teams() : players.teamsManagedBy(viewer.phone());
    }

    /** The team's roster, only the players with {@code status} when given; empty when the viewer may not see it. */
    Optional<List<Rosters.Entry>> roster(Viewer viewer, String teamName, String season,
                                         Optional<RegistrationStatus> status) {
        if (!access.seesTeam(viewer, teamName, season)) {
            return Optional.empty();
        }
        return Optional.of(rosters.of(teamName, season).stream()
                .filter(entry -> status.isEmpty() || entry.registration().player().status() == status.get())
                .toList());
    }

    /**
     * A player's collected details and conversation, recorded in the access audit before they are returned
     * (decision 0090); empty, and nothing recorded, when there is no such player or it is another team's.
     */
    Optional<PlayerDetails> player(Viewer viewer, Optional<Long> playerId, String requestId) {
        Optional<Player> found = playerId.flatMap(players::find).filter(player -> access.seesPlayer(viewer, player));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Player player = found.get();
        Optional<PlayerRegistration> registration = registrations.of(player.teamName(), player.season()).stream()
                .filter(r -> r.player().id() == player.id()).findFirst();
        List<TranscriptLine> transcript = player.conversationId() == null ? List.of()
                : conversations.transcript(player.conversationId());
        // Only the team's managers and the club admins get this far (Access), so the medical notes and the
        // emergency contact are theirs to see.
        audit.record(Access.actor(viewer), AuditAction.READ_DETAILS, List.of(player.parentId()), List.of(player.id()),
                Map.of("team_name", player.teamName(), "season", player.season()), requestId);
        return Optional.of(new PlayerDetails(player, registration, transcript));
    }

    /**
     * A player's photo, in the viewer's scope like their details, and recorded in the access audit the same way;
     * empty, and nothing recorded, for another team's player or a player without one (decision 0115).
     */
    Optional<StoredPhoto> photo(Viewer viewer, Optional<Long> playerId, String requestId) {
        Optional<Player> found = playerId.flatMap(players::find).filter(player -> access.seesPlayer(viewer, player));
        Optional<StoredPhoto> photo = found.flatMap(player -> photos.ofPlayer(player.id()));
        photo.ifPresent(kept -> audit.record(Access.actor(viewer), AuditAction.READ_DETAILS, List.of(kept.parentId()),
                List.of(kept.playerId()), Map.of("photo", true), requestId));
        return photo;
    }

    /**
     * A team has no id of its own (it is a name and a season on its players' invitations), so the API's is the two
     * of them, base64url-encoded: URL-safe whatever the name holds (decision 0075).
     */
    static String teamId(String teamName, String season) {
        return TEAM_ID.encodeToString((season + SEPARATOR + teamName).getBytes(StandardCharsets.UTF_8));
    }

    /** The season and name a team id stands for; empty for anything that is not one. */
    static Optional<TeamName> team(String teamId) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(teamId), StandardCharsets.UTF_8);
            int separator = decoded.indexOf(SEPARATOR);
            return separator <= 0 || separator == decoded.length() - 1 ? Optional.empty()
                    : Optional.of(new TeamName(decoded.substring(separator + 1), decoded.substring(0, separator)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
