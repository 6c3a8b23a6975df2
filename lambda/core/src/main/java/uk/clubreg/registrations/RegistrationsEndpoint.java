package uk.clubreg.registrations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import uk.clubreg.audit.AccessAudit;
import uk.clubreg.audit.Actor;
import uk.clubreg.audit.AuditAction;
import uk.clubreg.conversations.AiTokens;
import uk.clubreg.conversations.HandOff;
import uk.clubreg.http.Endpoint;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.parents.Parent;
import uk.clubreg.players.Player;
import uk.clubreg.players.RegistrationStatus;
import uk.clubreg.players.RequiredDetails;

/**
 * {@code GET /registrations?team_name=...&season=...}: the manager's view of their team. Season defaults to the
 * current one. Names and numbers appear in the response (it is the manager's own data), never in logs; each read is
 * in the access audit, by player and parent id.
 */
public final class RegistrationsEndpoint implements Endpoint {

    private static final Set<String> PARAMETERS = Set.of("team_name", "season");
    private static final int MAX_TEAM_NAME = 50;
    private static final int MAX_SEASON = 20;

    private final TeamRegistrations registrations;
    private final AccessAudit audit;
    private final String clubName;
    private final String currentSeason;
    private final boolean photoRequired;

    public RegistrationsEndpoint(TeamRegistrations registrations, AccessAudit audit, String clubName,
                                 String currentSeason, boolean photoRequired) {
        this.registrations = registrations;
        this.audit = audit;
        this.clubName = clubName;
        this.currentSeason = currentSeason;
        this.photoRequired = photoRequired;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        Map<String, String> errors = new TreeMap<>();
        request.query().keySet().stream().filter(name -> !PARAMETERS.contains(name))
                .forEach(name -> errors.put(name.length() > 50 ? name.substring(0, 50) + "…" : name,
                        "is not a parameter of /registrations"));
        String teamName = request.query().getOrDefault("team_name", "").strip();
        String season = request.query().getOrDefault("season", "").strip();
        if (teamName.isEmpty()) {
            errors.put("team_name", "is required");
        } else if (teamName.length() > MAX_TEAM_NAME) {
            errors.put("team_name", "must be at most " + MAX_TEAM_NAME + " characters");
        } else if (hasControlCharacters(teamName)) {
            errors.put("team_name", "must not contain control characters");
        }
        if (season.length() > MAX_SEASON) {
            errors.put("season", "must be at most " + MAX_SEASON + " characters");
        } else if (hasControlCharacters(season)) {
            errors.put("season", "must not contain control characters");
        }
        if (!errors.isEmpty()) {
            return HttpResponse.error(400, "invalid_query", "Some query parameters are missing or wrong",
                    request.requestId(), errors);
        }
        season = season.isEmpty() ? currentSeason : season;
        List<PlayerRegistration> players = registrations.of(teamName, season);
        // Recorded before the answer: a read whose entry could not be written is not answered (503).
        audit.record(Actor.API_KEY, AuditAction.READ_TEAM,
                players.stream().map(p -> p.parent().id()).distinct().toList(),
                players.stream().map(p -> p.player().id()).toList(),
                Map.of("team_name", teamName, "season", season, "players", players.size()), request.requestId());

        Map<String, Object> json = new LinkedHashMap<>();
        json.put("request_id", request.requestId());
        json.put("club", clubName);
        json.put("team_name", teamName);
        json.put("season", season);
        json.put("required_details", RequiredDetails.names(photoRequired));
        json.put("summary", summary(players));
        json.put("players", players.stream().map(RegistrationsEndpoint::describe).toList());
        return HttpResponse.json(200, json);
    }

    /** PostgreSQL refuses a NUL in text; such a parameter is the caller's mistake (400), not an outage (503). */
    private static boolean hasControlCharacters(String value) {
        return value.chars().anyMatch(Character::isISOControl);
    }

    private static Map<String, Object> summary(List<PlayerRegistration> players) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("players", players.size());
        for (RegistrationStatus status : RegistrationStatus.values()) {
            summary.put(status.wireName(), players.stream().filter(p -> p.player().status() == status).count());
        }
        summary.put("parents_unreachable", players.stream().filter(p -> p.parent().unreachableSince() != null).count());
        summary.put("parents_opted_out", players.stream().filter(p -> p.parent().optedOutAt() != null).count());
        summary.put("waiting_for_person", players.stream().filter(p -> p.handOff() != null).count());
        summary.put("reminders_sent", players.stream().mapToInt(p -> p.player().remindersSent()).sum());
        summary.put("ai_tokens", tokens(new AiTokens(players.stream().mapToLong(p -> p.aiTokens().input()).sum(),
                players.stream().mapToLong(p -> p.aiTokens().output()).sum())));
        return summary;
    }

    private static Map<String, Object> tokens(AiTokens aiTokens) {
        Map<String, Object> tokens = new LinkedHashMap<>();
        tokens.put("input", aiTokens.input());
        tokens.put("output", aiTokens.output());
        return tokens;
    }

    /** Null when no person has the conversation. */
    private static Map<String, Object> handOff(HandOff handOff) {
        if (handOff == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("since", handOff.since());
        json.put("reason", handOff.reason());
        json.put("escalated_at", handOff.escalatedAt());
        return json;
    }

    private static Map<String, Object> describe(PlayerRegistration registration) {
        Player player = registration.player();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("player_id", player.id());
        json.put("first_name", player.firstName());
        json.put("last_name", player.lastName());
        json.put("age_group", player.ageGroup());
        json.put("status", player.status().wireName());
        json.put("stage", player.stage().wireName());
        json.put("is_returning_player", player.returningPlayer());
        json.put("updated_at", player.updatedAt());
        json.put("missing_details", registration.missingDetails());
        json.put("ai_tokens", tokens(registration.aiTokens()));
        json.put("conversation_id", player.conversationId());
        Map<String, Object> reminders = new LinkedHashMap<>();
        reminders.put("sent", player.remindersSent());
        reminders.put("last_sent_at", player.lastRemindedAt());
        json.put("reminders", reminders);
        json.put("hand_off", handOff(registration.handOff()));
        Parent contact = registration.parent();
        Map<String, Object> parent = new LinkedHashMap<>();
        parent.put("tel", contact.phone());
        parent.put("first_name", contact.firstName());
        parent.put("last_name", contact.lastName());
        parent.put("opted_out", contact.optedOutAt() != null);
        parent.put("opted_out_at", contact.optedOutAt());
        parent.put("unreachable", contact.unreachableSince() != null);
        parent.put("unreachable_since", contact.unreachableSince());
        parent.put("unreachable_reason", contact.unreachableReason());
        parent.put("language", contact.language());
        json.put("parent", parent);
        return json;
    }
}
