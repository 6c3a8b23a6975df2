package uk.clubreg.console;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import uk.clubreg.audit.AccessAudit;
import uk.clubreg.chasers.Chasers;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.handoffs.HandOffs;
import uk.clubreg.http.Endpoint;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.http.Router;
import uk.clubreg.http.StaticResource;
import uk.clubreg.invitations.InvitationParser;
import uk.clubreg.invitations.InvitationService;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;
import uk.clubreg.messaging.SignInCodes;
import uk.clubreg.outbox.Outbox;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.parents.ParentRepository;
import uk.clubreg.persistence.Jdbc;
import uk.clubreg.persistence.Transactions;
import uk.clubreg.photos.PhotoFiles;
import uk.clubreg.players.PlayerRepository;
import uk.clubreg.registrations.TeamRegistrations;

/**
 * The managers' console at {@code /console} (docs/console.md): server-rendered pages for team managers and club
 * admins, signed in with a code sent over WhatsApp. Built once by the composition root, which hands it the
 * services it calls; {@link #routes(Router)} adds its pages, {@link #signInCodeJob()} is the worker's part.
 */
public final class Console {

    /**
     * On every console response: no script at all (so none inline), styles only from the console itself, images
     * from it and from the photo store's presigned links, no framing, no sniffing, no referrer, nothing cached.
     */
    static Map<String, String> securityHeaders(Optional<String> photoOrigin) {
        return Map.of(
                "Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'"
                        + photoOrigin.map(origin -> " " + origin).orElse("") + "; form-action 'self'; "
                        + "frame-ancestors 'none'; base-uri 'none'",
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "no-referrer",
                "X-Frame-Options", "DENY",
                "Cache-Control", "no-store");
    }

    /** The services the console's pages and buttons call; the composition root builds them once for everyone. */
    public record Services(PlayerRepository players, ParentRepository parents, ConversationRepository conversations,
                           TeamRegistrations registrations, HandOffs handOffs, Chasers chasers,
                           InvitationParser invitationParser, InvitationService invitations, SignInCodes codes,
                           AccessAudit audit, PhotoFiles photos) {}

    private final Sessions sessions;
    private final ConsolePages pages;
    private final ConsoleApi api;
    private final SessionPages sessionPages;
    private final PlayerActions actions;
    private final RosterExport export;
    private final SquadInvitations squads;
    private final SignInCodeJob signInCodeJob;
    private final ConsoleQueries queries;
    private final Responses responses;
    private final PhotoFiles photos;
    private final Map<String, String> securityHeaders;

    public Console(Config config, Jdbc jdbc, Transactions transactions, Outbox outbox, OutboxRelay relay,
                   Services services, ZoneId zone, Clock clock) {
        ConsoleRepository repository = new ConsoleRepository(jdbc);
        ConsoleKeys keys = new ConsoleKeys(repository);
        Access access = new Access(config, services.players());
        this.sessions = new Sessions(repository, keys, access, clock);
        CodeRequests codeRequests = new CodeRequests(repository, keys, transactions, outbox, relay, clock);
        SignIn signIn = new SignIn(repository, keys, access, transactions, clock);
        this.responses = new Responses(new Renderer(), new Paths(config.require(Setting.PUBLIC_BASE_URL)));
        Rosters rosters = new Rosters(services.registrations(), services.conversations());
        this.queries = new ConsoleQueries(access, services.players(), services.conversations(),
                services.registrations(), rosters, services.audit(), services.photos());
        this.photos = services.photos();
        this.securityHeaders = securityHeaders(services.photos().linkOrigin());
        this.pages = new ConsolePages(sessions, codeRequests, signIn, queries, responses,
                config.require(Setting.DEFAULT_PHONE_REGION), zone);
        this.api = new ConsoleApi(queries);
        this.sessionPages = new SessionPages(sessions, pages, responses, zone);
        this.actions = new PlayerActions(sessions, access, responses, services.players(), services.parents(),
                transactions, services.handOffs(), services.chasers(), services.invitations(), zone, clock);
        this.export = new RosterExport(queries, responses, services.audit());
        this.squads = new SquadInvitations(sessions, access, responses, services.players(),
                services.invitationParser(), services.invitations());
        this.signInCodeJob = new SignInCodeJob(repository, keys, access, services.codes());
    }

    /** Adds the console's routes. They need no API key: the console signs its people in itself. */
    public void routes(Router router) {
        router.route("GET", "/console", secured(pages::home));
        router.route("POST", "/console/sign-in/code", secured(pages::requestCode));
        router.route("POST", "/console/sign-in", secured(pages::checkCode));
        router.route("POST", "/console/sign-out", secured(pages::signOut));
        router.route("POST", "/console/sign-out-everywhere", signedIn(sessionPages::signOutEverywhere));
        router.route("GET", "/console/sessions", signedIn(sessionPages::list));
        router.route("POST", "/console/sessions/{session_id}/revoke", signedIn(sessionPages::revoke));
        router.route("GET", "/console/teams", signedIn((viewer, request) -> pages.teams(viewer)));
        router.route("GET", "/console/team", signedIn(pages::team));
        router.route("GET", "/console/team.csv", signedIn(export::export));
        router.route("GET", "/console/players/{player_id}", signedIn(pages::player));
        router.route("GET", "/console/players/{player_id}/photo", signedIn(this::photo));
        router.route("POST", "/console/players/{player_id}/release", signedIn(actions::release));
        router.route("POST", "/console/players/{player_id}/chase", signedIn(actions::chase));
        router.route("POST", "/console/players/{player_id}/resend", signedIn(actions::resend));
        router.route("POST", "/console/players/{player_id}/close", signedIn(actions::close));
        router.route("GET", "/console/api/teams", api(api::teams));
        router.route("GET", "/console/api/teams/{team_id}/players", api(api::players));
        router.route("GET", "/console/api/players/{player_id}", api(api::player));
        router.route("GET", "/console/invite", signedIn(squads::form));
        router.route("POST", "/console/invite", signedIn(squads::inviteOne));
        router.route("POST", "/console/invite/preview", signedIn(squads::preview));
        router.route("POST", "/console/invite/upload", signedIn(squads::upload));
        Endpoint stylesheet = StaticResource.of("/uk/clubreg/console/console.css", "text/css; charset=utf-8");
        router.route("GET", "/console/console.css", secured(stylesheet::handle));
    }

    /** send_sign_in_code. */
    public JobHandler<Job.SendSignInCode> signInCodeJob() {
        return signInCodeJob;
    }

    /** The player's photo for the team's managers and the club admins; another team's is a 404 (decision 0115). */
    private HttpResponse photo(Viewer viewer, HttpRequest request) {
        return queries.photo(viewer, request.idParameter("player_id"), request.requestId())
                .map(photo -> photos.serve(photo, request.requestId()))
                .orElseGet(() -> responses.notFound(viewer));
    }

    private Endpoint signedIn(BiFunction<Viewer, HttpRequest, HttpResponse> page) {
        return secured(request -> pages.signedIn(request, viewer -> page.apply(viewer, request)));
    }

    /** A JSON route: the same session as the pages; without one, 401 as JSON rather than the sign-in page. */
    private Endpoint api(BiFunction<Viewer, HttpRequest, HttpResponse> route) {
        return secured(request -> sessions.viewer(request).map(viewer -> route.apply(viewer, request))
                .orElseGet(() -> ConsoleApi.unauthorized(request)));
    }

    private Endpoint secured(Function<HttpRequest, HttpResponse> page) {
        return request -> {
            HttpResponse response = page.apply(request);
            for (Map.Entry<String, String> header : securityHeaders.entrySet()) {
                response = response.withHeader(header.getKey(), header.getValue());
            }
            return response;
        };
    }
}
