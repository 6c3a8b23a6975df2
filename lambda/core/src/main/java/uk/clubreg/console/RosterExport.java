package uk.clubreg.console;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import uk.clubreg.audit.AccessAudit;
import uk.clubreg.audit.AuditAction;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.parents.Parent;
import uk.clubreg.players.Player;
import uk.clubreg.registrations.PlayerRegistration;

/**
 * GET /console/team.csv: a team's registrations, one row per player, the columns of docs/console.md. UTF-8 with a
 * byte order mark (so Excel reads it as UTF-8), ISO 8601 dates and UTC times, CRLF line ends.
 */
final class RosterExport {

    static final List<String> COLUMNS = List.of("player_id", "first_name", "last_name", "team", "season", "age_group",
            "status", "stage", "returning_player", "date_of_birth", "kit_size", "photo_consent", "medical_notes",
            "emergency_contact_name", "emergency_contact_tel", "parent_first_name", "parent_last_name", "parent_tel",
            "parent_state", "missing_details", "reminders_sent", "last_message_at", "updated_at");

    private final ConsoleQueries queries;
    private final Responses responses;
    private final AccessAudit audit;

    RosterExport(ConsoleQueries queries, Responses responses, AccessAudit audit) {
        this.queries = queries;
        this.responses = responses;
        this.audit = audit;
    }

    HttpResponse export(Viewer viewer, HttpRequest request) {
        String name = request.query().getOrDefault("name", "");
        String season = request.query().getOrDefault("season", "");
        Optional<List<Rosters.Entry>> roster = queries.roster(viewer, name, season, Optional.empty());
        if (roster.isEmpty()) {
            return responses.notFound(viewer);
        }
        List<Rosters.Entry> entries = roster.get();
        audit.record(Access.actor(viewer), AuditAction.EXPORT,
                entries.stream().map(entry -> entry.registration().parent().id()).distinct().toList(),
                entries.stream().map(entry -> entry.registration().player().id()).toList(),
                Map.of("team_name", name, "season", season, "players", entries.size()), request.requestId());
        StringBuilder csv = new StringBuilder("\uFEFF").append(Csv.row(COLUMNS));
        for (Rosters.Entry entry : entries) {
            csv.append(Csv.row(row(entry.registration(), entry.lastMessageAt())));
        }
        String file = (name + " " + season).replaceAll("[^A-Za-z0-9]+", "-").replaceAll("(^-|-$)", "") + ".csv";
        return new HttpResponse(200, Map.of("Content-Type", "text/csv; charset=utf-8",
                "Content-Disposition", "attachment; filename=\"" + file + "\""), csv.toString());
    }

    private static List<String> row(PlayerRegistration registration, Instant lastMessageAt) {
        Player player = registration.player();
        Parent parent = registration.parent();
        return List.of(Long.toString(player.id()), player.firstName(), player.lastName(), player.teamName(),
                player.season(), text(player.ageGroup()), player.status().wireName(), player.stage().wireName(),
                yesNo(player.returningPlayer()),
                player.dateOfBirth() == null ? "" : player.dateOfBirth().toString(), text(player.kitSize()),
                yesNo(player.photoConsent()), text(player.medicalNotes()), text(player.emergencyContactName()),
                text(player.emergencyContactTel()), text(parent.firstName()), text(parent.lastName()), parent.phone(),
                Rosters.parentStateWords(registration, "; "), String.join("; ", registration.missingDetails()),
                Integer.toString(player.remindersSent()), iso(lastMessageAt), iso(player.updatedAt()));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String yesNo(Boolean value) {
        return value == null ? "" : value ? "yes" : "no";
    }

    private static String iso(Instant at) {
        return at == null ? "" : at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
