package uk.clubreg.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import uk.clubreg.console.Views.Detail;
import uk.clubreg.console.Views.Filter;
import uk.clubreg.console.Views.Frame;
import uk.clubreg.console.Views.Line;
import uk.clubreg.console.Views.PlayerPage;
import uk.clubreg.console.Views.Roster;
import uk.clubreg.console.Views.RosterRow;
import uk.clubreg.console.Views.TeamLink;
import uk.clubreg.conversations.TranscriptLine;
import uk.clubreg.http.FormBody;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.parents.Parent;
import uk.clubreg.phone.PhoneNumbers;
import uk.clubreg.players.Player;
import uk.clubreg.players.RegistrationStatus;
import uk.clubreg.registrations.PlayerRegistration;

/**
 * The console's pages (docs/console.md). Each handler reads the request, asks {@link ConsoleQueries} for what the
 * viewer may see (another team's page or player is 404, never the data) and renders a template.
 */
final class ConsolePages {

    static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.UK);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);

    private final Sessions sessions;
    private final CodeRequests codeRequests;
    private final SignIn signIn;
    private final ConsoleQueries queries;
    private final Responses responses;
    private final Paths paths;
    private final String phoneRegion;
    private final ZoneId zone;

    ConsolePages(Sessions sessions, CodeRequests codeRequests, SignIn signIn, ConsoleQueries queries, Responses responses, String phoneRegion,
                 ZoneId zone) {
        this.sessions = sessions;
        this.codeRequests = codeRequests;
        this.signIn = signIn;
        this.queries = queries;
        this.responses = responses;
        this.paths = responses.paths();
        this.phoneRegion = phoneRegion;
        this.zone = zone;
    }

    // --- Signing in and out ---

    /** GET /console: the sign-in page, or the teams when signed in already. */
    HttpResponse home(HttpRequest request) {
        if (sessions.viewer(request).isPresent()) {
            return Responses.redirect(paths.teams());
        }
        return signInPage(request, 200, "", null);
    }

    /** POST /console/sign-in/code: the same answer whether or not the number may sign in. */
    HttpResponse requestCode(HttpRequest request) {
        Map<String, String> form = FormBody.parse(request.body());
        if (!sessions.csrfMatches(request, form)) {
            return formExpired(request);
        }
        String typed = form.getOrDefault("phone", "").trim();
        Optional<String> phone = PhoneNumbers.toE164(typed, phoneRegion);
        if (phone.isEmpty()) {
            return signInPage(request, 400, typed, "Enter a mobile number, such as 07700 900123.");
        }
        return switch (codeRequests.request(phone.get(), request.sourceIp())) {
            case TOO_MANY_FROM_THIS_ADDRESS -> tooMany(request);
            case ANSWERED -> codePage(request, 200, phone.get(), null);
        };
    }

    /** POST /console/sign-in: a right code sets the session cookie. */
    HttpResponse checkCode(HttpRequest request) {
        Map<String, String> form = FormBody.parse(request.body());
        if (!sessions.csrfMatches(request, form)) {
            return formExpired(request);
        }
        String phone = form.getOrDefault("phone", "");
        if (PhoneNumbers.toE164(phone, phoneRegion).filter(phone::equals).isEmpty()) {
            return signInPage(request, 400, "", "Enter your mobile number first.");
        }
        return switch (signIn.checkCode(phone, form.getOrDefault("code", "").trim(), request.sourceIp())) {
            case SignIn.CodeCheck.SignedIn signedIn -> Responses.redirect(paths.teams()).withHeader("Set-Cookie",
                    sessions.setCookie(Sessions.newSession(signedIn.sessionToken()), paths.root(), Sessions.https(request)));
            case SignIn.CodeCheck.Refused refused -> codePage(request, 401, phone,
                    "That code is wrong, used already or out of date. Check the latest WhatsApp message, or ask "
                            + "for a new code.");
            case SignIn.CodeCheck.TooManyFromThisAddress tooMany -> tooMany(request);
        };
    }

    /** POST /console/sign-out: the session row is revoked, so the cookie is worthless even if kept. */
    HttpResponse signOut(HttpRequest request) {
        Optional<Viewer> viewer = sessions.viewer(request);
        if (viewer.isEmpty()) {
            return Responses.redirect(paths.root());
        }
        if (!sessions.csrfMatches(request, FormBody.parse(request.body()))) {
            return formExpired(request);
        }
        sessions.signOut(viewer.get());
        return signedOut(request);
    }

    /** To the sign-in page with a fresh visitor's cookie in place of the session's. */
    HttpResponse signedOut(HttpRequest request) {
        return Responses.redirect(paths.root()).withHeader("Set-Cookie",
                sessions.setCookie(Sessions.newVisitor(), paths.root(), Sessions.https(request)));
    }

    // --- Teams, roster, player ---

    /** GET /console/teams. */
    HttpResponse teams(Viewer viewer) {
        List<TeamLink> links = queries.teams(viewer).stream().map(team -> new TeamLink(team.name(), team.season(),
                team.players(), paths.team(team.name(), team.season()))).toList();
        return responses.page(viewer, "Your teams", "teams.jte", Map.of("teams", links));
    }

    /** GET /console/team?name=…&season=…[&status=…]. */
    HttpResponse team(Viewer viewer, HttpRequest request) {
        String name = request.query().getOrDefault("name", "");
        String season = request.query().getOrDefault("season", "");
        Optional<RegistrationStatus> status = RegistrationStatus.fromWireName(request.query().getOrDefault("status", ""));
        Optional<List<Rosters.Entry>> roster = queries.roster(viewer, name, season, status);
        if (roster.isEmpty()) {
            return responses.notFound(viewer);
        }
        List<RosterRow> rows = roster.get().stream().map(this::row).toList();
        List<Filter> filters = new ArrayList<>();
        filters.add(new Filter("All", paths.team(name, season), status.isEmpty()));
        for (RegistrationStatus each : RegistrationStatus.values()) {
            filters.add(new Filter(words(each.wireName()), paths.team(name, season, each.wireName()),
                    status.filter(each::equals).isPresent()));
        }
        return responses.page(viewer, name + " " + season, "roster.jte",
                Map.of("roster", new Roster(name, season, filters, rows, paths.teamCsv(name, season),
                        paths.invite(name, season))));
    }

    /** GET /console/players/{player_id}: the details collected and the conversation. */
    HttpResponse player(Viewer viewer, HttpRequest request) {
        Optional<ConsoleQueries.PlayerDetails> found =
                queries.player(viewer, request.idParameter("player_id"), request.requestId());
        if (found.isEmpty()) {
            return responses.notFound(viewer);
        }
        Player player = found.get().player();
        Optional<PlayerRegistration> registration = found.get().registration();
        Parent parent = registration.map(PlayerRegistration::parent).orElse(null);
        String parentName = parent == null || parent.fullName().isEmpty() ? "Parent" : parent.fullName();
        List<Line> transcript = found.get().transcript().stream().map(line -> line(line, parentName)).toList();
        List<Detail> details = List.of(
                new Detail("Status", words(player.status().wireName())),
                new Detail("Stage", words(player.stage().wireName())),
                new Detail("Missing details", registration.map(r -> missing(r.missingDetails())).orElse("")),
                new Detail("Date of birth", player.dateOfBirth() == null ? "—" : DAY.format(player.dateOfBirth())),
                new Detail("Kit size", orDash(player.kitSize())),
                new Detail("Photo consent", player.photoConsent() == null ? "—" : player.photoConsent() ? "Yes" : "No"),
                new Detail("Medical notes", orDash(player.medicalNotes())),
                new Detail("Emergency contact", player.emergencyContactName() == null ? "—"
                        : player.emergencyContactName() + ", " + orDash(player.emergencyContactTel())),
                new Detail("Parent", parent == null ? "—" : parentName + ", " + parent.phone()),
                new Detail("Parent's state", registration.map(ConsolePages::parentState).filter(s -> !s.isEmpty())
                        .orElse("Reachable")),
                new Detail("Reminders sent", Integer.toString(player.remindersSent())));
        PlayerPage view = new PlayerPage(player.fullName(), player.teamName(), player.season(),
                paths.team(player.teamName(), player.season()), details, transcript, paths.player(player.id()),
                registration.map(r -> r.handOff() != null).orElse(false), !player.unfinished(),
                PlayerActions.NOTICES.get(request.query().getOrDefault("done", "")),
                player.photoReceivedAt() == null ? null : paths.player(player.id()) + "/photo");
        return responses.page(viewer, player.fullName(), "player.jte", Map.of("player", view));
    }

    /** A page that needs a session: the sign-in page's URL when there is none. */
    HttpResponse signedIn(HttpRequest request, Function<Viewer, HttpResponse> page) {
        return sessions.viewer(request).map(page).orElseGet(() -> Responses.redirect(paths.root()));
    }

    // --- Rendering ---

    private RosterRow row(Rosters.Entry entry) {
        PlayerRegistration registration = entry.registration();
        Instant lastMessage = entry.lastMessageAt();
        Player player = registration.player();
        return new RosterRow(player.fullName(), paths.player(player.id()), words(player.status().wireName()),
                words(player.stage().wireName()), missing(registration.missingDetails()),
                lastMessage == null ? "—" : WHEN.format(lastMessage.atZone(zone)), parentState(registration));
    }

    private Line line(TranscriptLine line, String parentName) {
        String text = line.body() != null && !line.body().isBlank() ? line.body()
                : "template".equals(line.kind()) ? "(a WhatsApp template message)" : "(no text)";
        return new Line(line.fromParent() ? parentName : "Club", WHEN.format(line.at().atZone(zone)), text,
                line.fromParent());
    }

    private static String parentState(PlayerRegistration registration) {
        return Rosters.parentStateWords(registration, ", ");
    }

    private static String missing(List<String> details) {
        return details.isEmpty() ? "None" : details.stream().map(ConsolePages::words).collect(Collectors.joining(", "));
    }

    private static String words(String wireName) {
        return Rosters.words(wireName);
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "—" : value;
    }

    private HttpResponse signInPage(HttpRequest request, int status, String typed, String error) {
        Optional<Sessions.Cookie> existing = sessions.cookie(request);
        Sessions.Cookie cookie = existing.orElseGet(Sessions::newVisitor);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("phone", typed);
        parameters.put("error", error);
        HttpResponse response = responses.page(status, "signin.jte",
                new Frame("Sign in", paths.root(), sessions.csrf(cookie), null), parameters);
        return existing.isPresent() ? response
                : response.withHeader("Set-Cookie", sessions.setCookie(cookie, paths.root(), Sessions.https(request)));
    }

    private HttpResponse codePage(HttpRequest request, int status, String phone, String error) {
        Sessions.Cookie cookie = sessions.cookie(request).orElseThrow();
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("phone", phone);
        parameters.put("error", error);
        return responses.page(status, "code.jte", new Frame("Enter your code", paths.root(), sessions.csrf(cookie), null),
                parameters);
    }

    private HttpResponse formExpired(HttpRequest request) {
        return message(request, 403, Responses.FORM_EXPIRED, Responses.FORM_EXPIRED_TEXT);
    }

    private HttpResponse tooMany(HttpRequest request) {
        return message(request, 429, "Too many tries",
                "Too many codes were asked for or typed from here. Please wait 15 minutes and try again.")
                .withHeader("Retry-After", Long.toString(SignIn.LIMIT_WINDOW.toSeconds()));
    }

    private HttpResponse message(HttpRequest request, int status, String heading, String text) {
        Frame frame = sessions.viewer(request).map(viewer -> responses.frame(viewer, heading))
                .orElseGet(() -> new Frame(heading, paths.root(), "", null));
        return responses.message(status, frame, heading, text);
    }
}
