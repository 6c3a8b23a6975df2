package uk.clubreg.chasers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;

/** The reminders' admin routes, as JSON. */
final class ChasersEndpoints {

    private ChasersEndpoints() {}

    /** POST /admin/run/chasers: the run's counts. */
    static HttpResponse run(ChaseRun run, HttpRequest request) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("request_id", request.requestId());
        json.put("day", run.day().toString());
        json.putAll(run.counts());
        return HttpResponse.json(200, json);
    }

    /** POST /admin/players/{player_id}/chase: 200 reminded or why not, 404 no such player, 409 finished. */
    static HttpResponse chase(Chasers chasers, HttpRequest request) {
        Optional<Long> playerId = request.idParameter("player_id");
        if (playerId.isEmpty()) {
            return HttpResponse.error(404, "not_found", "No such player", request.requestId(), null);
        }
        Optional<Chasers.Outcome> outcome = chasers.chaseNow(playerId.get());
        if (outcome.isEmpty()) {
            return HttpResponse.error(404, "not_found", "No such player", request.requestId(), null);
        }
        if (outcome.get().finished()) {
            return HttpResponse.error(409, "registration_finished", "This registration is completed, declined or "
                    + "archived: there is nothing to remind the parent about", request.requestId(), null);
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("request_id", request.requestId());
        json.put("player_id", outcome.get().playerId());
        json.put("reminded", outcome.get().reminded());
        json.put("skipped", outcome.get().skipped().map(Skip::wireName).orElse(null));
        return HttpResponse.json(200, json);
    }
}
