package uk.clubreg.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.clubreg.conversations.HandOff;
import uk.clubreg.conversations.TranscriptLine;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.parents.Parent;
import uk.clubreg.players.Player;
import uk.clubreg.players.RegistrationStatus;
import uk.clubreg.players.Team;
import uk.clubreg.registrations.PlayerRegistration;

/**
 * The JSON behind the console's pages, under {@code /console/api/…} with the same session (decision 0075). It reads
 * through {@link ConsoleQueries} as the pages do, so scope, 404s and the access audit are theirs; only the shape
 * differs: JSON with wire names and ISO times instead of worded HTML.
 */
final class ConsoleApi {

    private final ConsoleQueries queries;

    ConsoleApi(ConsoleQueries queries) {
        this.queries = queries;
    }

    /** GET /console/api/teams. */
    HttpResponse teams(Viewer viewer, HttpRequest request) {
        List<Map<String, Object>> teams = queries.teams(viewer).stream().map(ConsoleApi::team).toList();
        return ok(request, Map.of("teams", teams));
    }

    /** GET /console/api/teams/{team_id}/players[?status=…]. */
    HttpResponse players(Viewer viewer, HttpRequest request) {
        String statusName = request.query().getOrDefault("status", "");
        Optional<RegistrationStatus> status = RegistrationStatus.fromWireName(statusName);
        if (!statusName.isEmpty() && status.isEmpty()) {
            return HttpResponse.error(400, "invalid_query", "Some query parameters are wrong", request.requestId(),
                    Map.of("status", "must be one of " + String.join(", ", RegistrationStatus.WIRE_NAMES)));
        }
        String teamId = request.pathParameters().getOrDefault("team_id", "");
        Optional<ConsoleQueries.TeamName> team = ConsoleQueries.team(teamId);
        Optional<List<Rosters.Entry>> roster = team.flatMap(t -> queries.roster(viewer, t.name(), t.season(), status));
        if (roster.isEmpty()) {
            return notFound(request);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("team_id", teamId);
        json.put("name", team.get().name());
        json.put("season", team.get().season());
        json.put("players", roster.get().stream().map(ConsoleApi::rosterPlayer).toList());
        return ok(request, json);
    }

    /** GET /console/api/players/{player_id}: recorded in the access audit as the player page is. */
    HttpResponse player(Viewer viewer, HttpRequest request) {
        return queries.player(viewer, request.idParameter("player_id"), request.requestId())
                .map(details -> ok(request, player(details)))
                .orElseGet(() -> notFound(request));
    }

    /** Every API route without a live session: JSON, not the sign-in page's redirect. */
    static HttpResponse unauthorized(HttpRequest request) {
        return HttpResponse.error(401, "unauthorized", "Sign in to the console first", request.requestId(), null);
    }

    private static HttpResponse notFound(HttpRequest request) {
        return HttpResponse.error(404, "not_found", "No such team or player, or it is another team's",
                request.requestId(), null);
    }

    private static HttpResponse ok(HttpRequest request, Map<String, Object> body) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("request_id", request.requestId());
        json.putAll(body);
        return HttpResponse.json(200, json);
    }

    private static Map<String, Object> team(Team team) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("team_id", ConsoleQueries.teamId(team.name(), team.season()));
        json.put("name", team.name());
        json.put("season", team.season());
        json.put("players", team.players());
        return json;
    }

    private static Map<String, Object> rosterPlayer(Rosters.Entry entry) {
        PlayerRegistration registration = entry.registration();
        Player player = registration.player();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("player_id", player.id());
        json.put("first_name", player.firstName());
        json.put("last_name", player.lastName());
        json.put("status", player.status().wireName());
        json.put("stage", player.stage().wireName());
        json.put("missing_details", registration.missingDetails());
        json.put("last_message_at", entry.lastMessageAt());
        json.put("parent_states", parentStates(registration));
        return json;
    }

    private static Map<String, Object> player(ConsoleQueries.PlayerDetails details) {
        Player player = details.player();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("player_id", player.id());
        json.put("first_name", player.firstName());
        json.put("last_name", player.lastName());
        json.put("team_id", ConsoleQueries.teamId(player.teamName(), player.season()));
        json.put("team_name", player.teamName());
        json.put("season", player.season());
        json.put("age_group", player.ageGroup());
        json.put("status", player.status().wireName());
        json.put("stage", player.stage().wireName());
        json.put("returning_player", player.returningPlayer());
        json.put("missing_details", details.registration().map(PlayerRegistration::missingDetails).orElse(List.of()));
        Map<String, Object> collected = new LinkedHashMap<>();
        collected.put("date_of_birth", player.dateOfBirth());
        collected.put("kit_size", player.kitSize());
        collected.put("photo_consent", player.photoConsent());
        // The file itself is at the page's route, /console/players/{player_id}/photo (decision 0115).
        collected.put("photo_received_at", player.photoReceivedAt());
        collected.put("medical_notes", player.medicalNotes());
        collected.put("emergency_contact_name", player.emergencyContactName());
        collected.put("emergency_contact_tel", player.emergencyContactTel());
        json.put("details", collected);
        json.put("parent", details.registration().map(ConsoleApi::parent).orElse(null));
        json.put("reminders_sent", player.remindersSent());
        json.put("hand_off", details.registration().map(PlayerRegistration::handOff).map(ConsoleApi::handOff)
                .orElse(null));
        json.put("transcript", details.transcript().stream().map(ConsoleApi::line).toList());
        return json;
    }

    private static Map<String, Object> parent(PlayerRegistration registration) {
        Parent parent = registration.parent();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("first_name", parent.firstName());
        json.put("last_name", parent.lastName());
        json.put("tel", parent.phone());
        json.put("states", parentStates(registration));
        return json;
    }

    private static Map<String, Object> handOff(HandOff handOff) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("since", handOff.since());
        json.put("reason", handOff.reason());
        return json;
    }

    private static Map<String, Object> line(TranscriptLine line) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", line.fromParent() ? "parent" : "club");
        json.put("kind", line.kind());
        json.put("text", line.body());
        json.put("status", line.status());
        json.put("at", line.at());
        return json;
    }

    private static List<String> parentStates(PlayerRegistration registration) {
        return Rosters.parentStates(registration).stream().map(Rosters.ParentState::wireName).toList();
    }
}
