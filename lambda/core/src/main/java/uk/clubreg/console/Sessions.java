package uk.clubreg.console;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import uk.clubreg.http.HttpRequest;

/**
 * The console's one cookie (decision 0072). Its value is {@code kind.random.signature}: kind {@code s} holds a
 * session token (the database keeps only its SHA-256, with the expiry and revocation), kind {@code a} a random value
 * for a visitor not signed in, so the sign-in forms carry a CSRF token too. Every form's token is the HMAC of the
 * cookie's {@code kind.random}: a page of another site can neither read nor make it.
 */
final class Sessions {

    static final String COOKIE = "console";
    static final String CSRF_FIELD = "csrf";

    private static final String SESSION = "s";
    private static final String VISITOR = "a";

    /** A cookie whose signature is right: its kind and random part. */
    record Cookie(String kind, String random) {
        String payload() {
            return kind + "." + random;
        }
    }

    private final ConsoleRepository repository;
    private final ConsoleKeys keys;
    private final Access access;
    private final Clock clock;

    Sessions(ConsoleRepository repository, ConsoleKeys keys, Access access, Clock clock) {
        this.repository = repository;
        this.keys = keys;
        this.access = access;
        this.clock = clock;
    }

    /** The signed-in person, when the cookie is a well-signed session that has not expired or been revoked. */
    Optional<Viewer> viewer(HttpRequest request) {
        return cookie(request).filter(cookie -> cookie.kind().equals(SESSION))
                .flatMap(cookie -> repository.session(ConsoleKeys.sha256(cookie.random()), clock.instant())
                        .map(session -> new Viewer(session.id(), session.phone(),
                                access.isClubAdmin(session.phone()), csrf(cookie))));
    }

    /** The request's cookie when its signature is right. */
    Optional<Cookie> cookie(HttpRequest request) {
        String value = cookieValue(request.header("cookie").orElse(""));
        String[] parts = value.split("\\.", -1);
        if (parts.length != 3 || !(parts[0].equals(SESSION) || parts[0].equals(VISITOR))) {
            return Optional.empty();
        }
        Cookie cookie = new Cookie(parts[0], parts[1]);
        return keys.verify("cookie", cookie.payload(), parts[2]) ? Optional.of(cookie) : Optional.empty();
    }

    static Cookie newSession(String token) {
        return new Cookie(SESSION, token);
    }

    static Cookie newVisitor() {
        return new Cookie(VISITOR, ConsoleKeys.randomToken());
    }

    /** The form token that goes with this cookie. */
    String csrf(Cookie cookie) {
        return keys.sign("csrf", cookie.payload());
    }

    /** Whether the form's token belongs to the request's cookie. */
    boolean csrfMatches(HttpRequest request, Map<String, String> form) {
        return cookie(request).map(cookie -> keys.verify("csrf", cookie.payload(), form.get(CSRF_FIELD)))
                .orElse(false);
    }

    /** The Set-Cookie header: HttpOnly, SameSite=Strict, Secure over HTTPS, only for the console's paths. */
    String setCookie(Cookie cookie, String path, boolean https) {
        return COOKIE + "=" + cookie.payload() + "." + keys.sign("cookie", cookie.payload()) + "; Path=" + path
                + "; Max-Age=" + SignIn.SESSION_LIFETIME.toSeconds() + "; HttpOnly; SameSite=Strict"
                + (https ? "; Secure" : "");
    }

    void signOut(Viewer viewer) {
        repository.revokeSession(viewer.sessionId(), clock.instant());
    }

    private static String cookieValue(String header) {
        for (String pair : header.split(";")) {
            String trimmed = pair.trim();
            if (trimmed.startsWith(COOKIE + "=")) {
                return trimmed.substring(COOKIE.length() + 1);
            }
        }
        return "";
    }
}
