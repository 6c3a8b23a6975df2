package uk.clubreg.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import uk.clubreg.console.Views.InvitePage;
import uk.clubreg.console.Views.Preview;
import uk.clubreg.console.Views.PreviewRow;
import uk.clubreg.http.FormBody;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.http.MultipartForm;
import uk.clubreg.invitations.InvitationParser;
import uk.clubreg.invitations.InvitationRequest;
import uk.clubreg.invitations.InvitationService;
import uk.clubreg.json.Json;
import uk.clubreg.players.Player;
import uk.clubreg.players.PlayerRepository;

/**
 * Inviting players from the console: one with a form, or a squad list as CSV, previewed with each bad row's errors
 * before anything is written. Every row goes through {@code /trigger}'s {@link InvitationParser}; the team, season
 * and manager come from the team page, so a manager invites only into a team they see (docs/console.md).
 */
final class SquadInvitations {

    /** The fields a form or a CSV column may give: /trigger's, less those the team page decides. */
    static final List<String> FIELDS = List.of(InvitationParser.PLAYER_FIRST_NAME, InvitationParser.PLAYER_LAST_NAME,
            InvitationParser.PARENT_TEL, InvitationParser.PARENT_FIRST_NAME, InvitationParser.PARENT_LAST_NAME,
            InvitationParser.AGE_GROUP, InvitationParser.MEMBERSHIP_FEE, InvitationParser.SUBSCRIPTION_FEE);

    private static final int MAX_ROWS = 100;

    private record Team(String name, String season) {}

    private record Checked(int line, Map<String, String> fields, Optional<InvitationRequest> request,
                           Map<String, String> errors) {}

    private final Sessions sessions;
    private final Access access;
    private final Responses responses;
    private final PlayerRepository players;
    private final InvitationParser parser;
    private final InvitationService invitations;

    SquadInvitations(Sessions sessions, Access access, Responses responses, PlayerRepository players,
                     InvitationParser parser, InvitationService invitations) {
        this.sessions = sessions;
        this.access = access;
        this.responses = responses;
        this.players = players;
        this.parser = parser;
        this.invitations = invitations;
    }

    /** GET /console/invite?name=…&season=…. */
    HttpResponse form(Viewer viewer, HttpRequest request) {
        return team(viewer, request.query()).map(team -> invitePage(viewer, team, 200, Map.of(), Map.of()))
                .orElseGet(() -> responses.notFound(viewer));
    }

    /** POST /console/invite: one player; errors are shown beside their fields and nothing is written. */
    HttpResponse inviteOne(Viewer viewer, HttpRequest request) {
        Map<String, String> form = FormBody.parse(request.body());
        return checked(viewer, request, form, team -> {
            Map<String, String> fields = new LinkedHashMap<>();
            FIELDS.forEach(field -> fields.put(field, form.getOrDefault(field, "").trim()));
            Checked checked = check(viewer, team, 0, fields);
            if (checked.request().isEmpty()) {
                return invitePage(viewer, team, 400, fields, checked.errors());
            }
            invitations.invite(checked.request().get(), request.requestId());
            return Responses.redirect(responses.paths().team(team.name(), team.season()));
        });
    }

    /** POST /console/invite/preview (multipart, file {@code squad}): every row checked, nothing written. */
    HttpResponse preview(Viewer viewer, HttpRequest request) {
        Map<String, String> form = MultipartForm.parse(request);
        return checked(viewer, request, form, team -> previewPage(viewer, team, form.getOrDefault("squad", "")));
    }

    /** POST /console/invite/upload: the previewed list again; its valid rows are invited, its bad rows are not. */
    HttpResponse upload(Viewer viewer, HttpRequest request) {
        Map<String, String> form = FormBody.parse(request.body());
        return checked(viewer, request, form, team -> {
            List<Checked> rows = checkAll(viewer, team, form.getOrDefault("squad", ""));
            if (rows == null) {
                return previewPage(viewer, team, form.getOrDefault("squad", ""));
            }
            List<InvitationRequest> valid = rows.stream().flatMap(row -> row.request().stream()).toList();
            if (!valid.isEmpty()) {
                invitations.inviteAll(valid, request.requestId());
            }
            return Responses.redirect(responses.paths().team(team.name(), team.season()));
        });
    }

    private HttpResponse checked(Viewer viewer, HttpRequest request, Map<String, String> form,
                                 Function<Team, HttpResponse> then) {
        if (!sessions.csrfMatches(request, form)) {
            return responses.formExpired(viewer);
        }
        return team(viewer, form).map(then).orElseGet(() -> responses.notFound(viewer));
    }

    private Optional<Team> team(Viewer viewer, Map<String, String> parameters) {
        String name = parameters.getOrDefault("name", "");
        String season = parameters.getOrDefault("season", "");
        return access.seesTeam(viewer, name, season) && !players.team(name, season).isEmpty()
                ? Optional.of(new Team(name, season)) : Optional.empty();
    }

    private HttpResponse previewPage(Viewer viewer, Team team, String squad) {
        List<Checked> rows = checkAll(viewer, team, squad);
        List<PreviewRow> shown = rows == null
                ? List.of(new PreviewRow(1, "", "", "The list must start with a header row naming its columns ("
                        + String.join(", ", FIELDS) + "), have at least one player and at most " + MAX_ROWS + "."))
                : rows.stream().map(row -> new PreviewRow(row.line(),
                        (row.fields().getOrDefault(InvitationParser.PLAYER_FIRST_NAME, "") + " "
                                + row.fields().getOrDefault(InvitationParser.PLAYER_LAST_NAME, "")).trim(),
                        row.fields().getOrDefault(InvitationParser.PARENT_TEL, ""),
                        String.join("; ", row.errors().entrySet().stream()
                                .map(e -> e.getKey() + " " + e.getValue()).toList()))).toList();
        long valid = rows == null ? 0 : rows.stream().filter(row -> row.request().isPresent()).count();
        return responses.page(viewer, "Check the squad list", "preview.jte", Map.of("preview", new Preview(
                team.name(), team.season(), responses.paths().team(team.name(), team.season()),
                responses.paths().root() + "/invite/upload", shown, valid, squad)));
    }

    /** Each data row checked; null when the list has no header, no rows or too many. */
    private List<Checked> checkAll(Viewer viewer, Team team, String squad) {
        List<List<String>> lines = Csv.parse(squad);
        if (lines.size() < 2 || lines.size() > MAX_ROWS + 1) {
            return null;
        }
        List<String> header = lines.getFirst().stream().map(String::trim).toList();
        List<Checked> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (int column = 0; column < header.size(); column++) {
                fields.put(header.get(column), column < lines.get(i).size() ? lines.get(i).get(column).trim() : "");
            }
            rows.add(check(viewer, team, i + 1, fields));
        }
        return rows;
    }

    /** One invitation checked by /trigger's parser, with the team page's team, season and manager. */
    private Checked check(Viewer viewer, Team team, int line, Map<String, String> fields) {
        ObjectNode item = Json.MAPPER.createObjectNode();
        fields.forEach((name, value) -> {
            if (!value.isEmpty()) {
                item.put(name, value);
            }
        });
        Map<String, String> errors = new LinkedHashMap<>();
        for (String decided : List.of(InvitationParser.TEAM_NAME, InvitationParser.SEASON,
                InvitationParser.MANAGER_FULL_NAME, InvitationParser.MANAGER_TEL)) {
            if (item.has(decided)) {
                errors.put(decided, "comes from the team page: leave it out");
            }
        }
        item.put(InvitationParser.TEAM_NAME, team.name());
        item.put(InvitationParser.SEASON, team.season());
        manager(viewer, team).ifPresent(manager -> {
            if (manager.managerFullName() != null) {
                item.put(InvitationParser.MANAGER_FULL_NAME, manager.managerFullName());
            }
            item.put(InvitationParser.MANAGER_TEL, manager.managerTel());
        });
        return switch (parser.parse(item)) {
            case InvitationParser.Valid valid when errors.isEmpty() ->
                    new Checked(line, fields, Optional.of(valid.request()), errors);
            case InvitationParser.Valid valid -> new Checked(line, fields, Optional.empty(), errors);
            case InvitationParser.Invalid invalid -> {
                errors.putAll(invalid.fieldErrors());
                yield new Checked(line, fields, Optional.empty(), errors);
            }
        };
    }

    /**
     * Whose team it is: the signed-in manager's own invitation of this team, else (a club admin) the team's
     * latest invitation that names a manager's phone.
     */
    private Optional<Player> manager(Viewer viewer, Team team) {
        List<Player> named = players.team(team.name(), team.season()).stream()
                .map(PlayerRepository.TeamMember::player).filter(player -> player.managerTel() != null).toList();
        return named.stream().filter(player -> player.managerTel().equals(viewer.phone())).findFirst()
                .or(() -> named.isEmpty() ? Optional.empty() : Optional.of(named.getLast()));
    }

    private HttpResponse invitePage(Viewer viewer, Team team, int status, Map<String, String> values,
                                    Map<String, String> errors) {
        return responses.page(status, "invite.jte", responses.frame(viewer, "Invite players"), Map.of("invite",
                new InvitePage(team.name(), team.season(), responses.paths().team(team.name(), team.season()),
                        responses.paths().root() + "/invite", responses.paths().root() + "/invite/preview",
                        values, errors)));
    }
}
