package uk.clubreg.console;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import uk.clubreg.console.Views.SessionRow;
import uk.clubreg.console.Views.SessionsPage;
import uk.clubreg.http.FormBody;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.logging.Mask;

/**
 * The console's sessions (decision 0076): a club admin sees every live session and revokes any; a team manager sees
 * and revokes their own; anyone signs out everywhere. A revoked session's cookie is refused on its next request.
 */
final class SessionPages {

    /** What the last button did, shown on the sessions page; anything else in {@code done} shows nothing. */
    private static final Map<String, String> NOTICES = Map.of(
            "revoked", "Signed out: that session's next request goes to the sign-in page.",
            "gone", "That session had ended already.");

    private final Sessions sessions;
    private final ConsolePages pages;
    private final Responses responses;
    private final ZoneId zone;

    SessionPages(Sessions sessions, ConsolePages pages, Responses responses, ZoneId zone) {
        this.sessions = sessions;
        this.pages = pages;
        this.responses = responses;
        this.zone = zone;
    }

    /** GET /console/sessions. */
    HttpResponse list(Viewer viewer, HttpRequest request) {
        List<SessionRow> rows = sessions.visibleTo(viewer).stream().map(session -> new SessionRow(
                Mask.phone(session.phone()), when(session.createdAt()), when(session.lastUsedAt()),
                responses.paths().revokeSession(session.id()), session.id() == viewer.sessionId())).toList();
        return responses.page(viewer, "Signed-in sessions", "sessions.jte", Map.of("sessions",
                new SessionsPage(rows, viewer.clubAdmin(), responses.paths().signOutEverywhere(),
                        NOTICES.get(request.query().getOrDefault("done", "")))));
    }

    /** POST /console/sessions/{session_id}/revoke: one the viewer may see; any other id is 404. */
    HttpResponse revoke(Viewer viewer, HttpRequest request) {
        if (!sessions.csrfMatches(request, FormBody.parse(request.body()))) {
            return responses.formExpired(viewer);
        }
        long sessionId = request.idParameter("session_id").orElse(0L);
        if (!sessions.revoke(viewer, sessionId)) {
            return responses.notFound(viewer);
        }
        return sessionId == viewer.sessionId() ? pages.signedOut(request)
                : Responses.redirect(responses.paths().sessions() + "?done=revoked");
    }

    /** POST /console/sign-out-everywhere: every session of the viewer's number, this one too. */
    HttpResponse signOutEverywhere(Viewer viewer, HttpRequest request) {
        if (!sessions.csrfMatches(request, FormBody.parse(request.body()))) {
            return responses.formExpired(viewer);
        }
        sessions.signOutEverywhere(viewer);
        return pages.signedOut(request);
    }

    private String when(Instant at) {
        return ConsolePages.WHEN.format(at.atZone(zone));
    }
}
