package uk.clubreg.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
    static final Duration LAST_USED_WITHIN = Duration.ofMinutes(5);

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

    /**
     * The signed-in person, when the cookie is a well-signed session that has not expired or been revoked. Its last
     * use is written when older than {@link #LAST_USED_WITHIN}, so a page view rarely writes.
     */
    Optional<Viewer> viewer(HttpRequest request) {
        Instant now = clock.instant();
        return cookie(request).filter(cookie -> cookie.kind().equals(SESSION))
                .flatMap(cookie -> repository.session(ConsoleKeys.sha256(cookie.random()), now)
                        .map(session -> {
                            if (session.lastUsedAt().isBefore(now.minus(LAST_USED_WITHIN))) {
                                repository.touchSession(session.id(), now);
                            }
                            return new Viewer(session.id(), session.phone(), access.isClubAdmin(session.phone()),
                                    csrf(cookie));
                        }));
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

    /** Every live session of the viewer's number, this one included. */
    void signOutEverywhere(Viewer viewer) {
        repository.revokeSessionsOf(viewer.phone(), clock.instant());
    }

    /** The live sessions the viewer may see and revoke: everyone's for a club admin, else their own number's. */
    List<ConsoleRepository.Session> visibleTo(Viewer viewer) {
        return repository.liveSessions(viewer.clubAdmin() ? Optional.empty() : Optional.of(viewer.phone()),
                clock.instant());
    }

    /** Revokes a live session the viewer may see; false (nothing done) for any other id. */
    boolean revoke(Viewer viewer, long sessionId) {
        Instant now = clock.instant();
        Optional<ConsoleRepository.Session> session = repository.liveSession(sessionId, now)
                .filter(found -> viewer.clubAdmin() || found.phone().equals(viewer.phone()));
        session.ifPresent(found -> repository.revokeSession(found.id(), now));
        return session.isPresent();
    }

    /** API Gateway tells the function the scheme the browser used: the cookie is Secure over HTTPS. */
    static boolean https(HttpRequest request) {
        return "https".equalsIgnoreCase(request.header("x-forwarded-proto").orElse(""));
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
