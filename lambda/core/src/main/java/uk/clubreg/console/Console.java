package uk.clubreg.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import uk.clubreg.config.Config;
import uk.clubreg.config.Setting;
import uk.clubreg.conversations.ConversationRepository;
import uk.clubreg.http.Endpoint;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.http.Router;
import uk.clubreg.jobs.Job;
import uk.clubreg.jobs.JobHandler;
import uk.clubreg.messaging.SignInCodes;
import uk.clubreg.outbox.Outbox;
import uk.clubreg.outbox.OutboxRelay;
import uk.clubreg.persistence.Jdbc;
import uk.clubreg.persistence.Transactions;
import uk.clubreg.players.PlayerRepository;
import uk.clubreg.registrations.TeamRegistrations;

/**
 * The managers' console at {@code /console} (docs/console.md): server-rendered pages for team managers and club
 * admins, signed in with a code sent over WhatsApp. Built once by the composition root, which hands it the
 * services it calls; {@link #routes(Router)} adds its pages, {@link #signInCodeJob()} is the worker's part.
 */
public final class Console {

    /**
     * On every console response: no script at all (so none inline), styles only from the console itself, no
     * framing, no sniffing, no referrer, nothing cached.
     */
    static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                    + "frame-ancestors 'none'; base-uri 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY",
            "Cache-Control", "no-store");

    private static final String STYLESHEET = stylesheet();

    private final ConsolePages pages;
    private final SignInCodeJob signInCodeJob;

    public Console(Config config, Jdbc jdbc, Transactions transactions, PlayerRepository players,
                   ConversationRepository conversations, TeamRegistrations registrations, Outbox outbox,
                   OutboxRelay relay, SignInCodes codes, ZoneId zone, Clock clock) {
        ConsoleRepository repository = new ConsoleRepository(jdbc);
        ConsoleKeys keys = new ConsoleKeys(repository);
        Access access = new Access(config, players);
        Sessions sessions = new Sessions(repository, keys, access, clock);
        SignIn signIn = new SignIn(repository, keys, access, transactions, outbox, relay, clock);
        this.pages = new ConsolePages(sessions, signIn, access, players, conversations, registrations,
                new Renderer(), new Paths(config.require(Setting.PUBLIC_BASE_URL)),
                config.require(Setting.DEFAULT_PHONE_REGION), zone);
        this.signInCodeJob = new SignInCodeJob(repository, keys, access, codes);
    }

    /** Adds the console's routes. They need no API key: the console signs its people in itself. */
    public void routes(Router router) {
        router.route("GET", "/console", secured(pages::home));
        router.route("POST", "/console/sign-in/code", secured(pages::requestCode));
        router.route("POST", "/console/sign-in", secured(pages::checkCode));
        router.route("POST", "/console/sign-out", secured(pages::signOut));
        router.route("GET", "/console/teams", signedIn((viewer, request) -> pages.teams(viewer)));
        router.route("GET", "/console/team", signedIn(pages::team));
        router.route("GET", "/console/players/{player_id}", signedIn(pages::player));
        router.route("GET", "/console/console.css", secured(request -> new HttpResponse(200,
                Map.of("Content-Type", "text/css; charset=utf-8"), STYLESHEET)));
    }

    /** send_sign_in_code. */
    public JobHandler<Job.SendSignInCode> signInCodeJob() {
        return signInCodeJob;
    }

    private Endpoint signedIn(BiFunction<Viewer, HttpRequest, HttpResponse> page) {
        return secured(request -> pages.signedIn(request, viewer -> page.apply(viewer, request)));
    }

    private static Endpoint secured(Function<HttpRequest, HttpResponse> page) {
        return request -> {
            HttpResponse response = page.apply(request);
            for (Map.Entry<String, String> header : SECURITY_HEADERS.entrySet()) {
                response = response.withHeader(header.getKey(), header.getValue());
            }
            return response;
        };
    }

    private static String stylesheet() {
        try (InputStream in = Console.class.getResourceAsStream("console.css")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
