package uk.clubreg.console;

import java.util.LinkedHashMap;
import java.util.Map;
import uk.clubreg.console.Views.Frame;
import uk.clubreg.http.HttpResponse;

/** How every console page answers: a rendered template in the frame, a redirect, or "not found". */
final class Responses {

    static final String FORM_EXPIRED = "This form has expired";
    static final String FORM_EXPIRED_TEXT = "Please go back, reload the page and try again.";

    private final Renderer renderer;
    private final Paths paths;

    Responses(Renderer renderer, Paths paths) {
        this.renderer = renderer;
        this.paths = paths;
    }

    Paths paths() {
        return paths;
    }

    HttpResponse page(int status, String template, Frame frame, Map<String, Object> parameters) {
        Map<String, Object> all = new LinkedHashMap<>(parameters);
        all.put("frame", frame);
        return HttpResponse.html(status, renderer.render(template, all));
    }

    HttpResponse page(Viewer viewer, String title, String template, Map<String, Object> parameters) {
        return page(200, template, frame(viewer, title), parameters);
    }

    /** Another team's page or player answers the same as one that does not exist. */
    HttpResponse notFound(Viewer viewer) {
        return message(404, frame(viewer, "Not found"), "Not found",
                "There is nothing here, or it belongs to a team you do not manage.");
    }

    /** A form whose CSRF token is missing or not this cookie's: refused, nothing done. */
    HttpResponse formExpired(Viewer viewer) {
        return message(403, frame(viewer, FORM_EXPIRED), FORM_EXPIRED, FORM_EXPIRED_TEXT);
    }

    HttpResponse message(int status, Frame frame, String heading, String text) {
        return page(status, "message.jte", frame, Map.of("heading", heading, "text", text));
    }

    Frame frame(Viewer viewer, String title) {
        return new Frame(title, paths.root(), viewer.csrf(),
                (viewer.clubAdmin() ? "Club admin " : "Team manager ") + viewer.phone());
    }

    static HttpResponse redirect(String location) {
        return new HttpResponse(303, Map.of("Location", location), "");
    }
}
