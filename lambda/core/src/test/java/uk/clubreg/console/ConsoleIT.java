package uk.clubreg.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.json.Json;
import uk.clubreg.persistence.Jdbc;
import uk.clubreg.messaging.MessagingHarness;
import uk.clubreg.testsupport.TestClock;

/**
 * The console's security through the whole system (jobs inline, the Twilio stub): sign-in by a code sent over
 * WhatsApp, the same answer for every number, the code's and the session's limits, CSRF, forged cookies, each
 * manager's scope, and the headers of every page.
 */
class ConsoleIT {

    private static final String MANAGER = "+447700900701";
    private static final String OTHER_MANAGER = "+447700900702";
    private static final String ADMIN = "+447700900711";
    private static final String STRANGER = "+447700900799";
    private static final String LOGIN_SID = "HX99999999999999999999999999999999";

    private final MessagingHarness harness = new MessagingHarness();
    private final TestClock clock = new TestClock(Instant.parse("2026-11-03T10:00:00Z"));
    private RegistrationSystem system;
    private long panther;
    private long lion;

    @BeforeEach
    void start() {
        system = harness.system(clock, Map.of("CLUB_ADMIN_TELS", "07700 900711"));
        panther = ConsoleBrowser.invite(system, "Sam", "Taylor", "+447700900401", "U11 Panthers", "07700 900701");
        lion = ConsoleBrowser.invite(system, "Ria", "Jones", "+447700900402", "U9 Lions", "07700 900702");
        harness.execute("""
                UPDATE players SET medical_notes = 'Asthma: inhaler in kit bag', emergency_contact_name = 'Pat Taylor',
                                   emergency_contact_tel = '+447700900409' WHERE id = ?""", panther);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    // --- Signing in ---

    @Test
    void aManagerSignsInWithTheCodeSentOverWhatsAppAndSeesOnlyTheirTeam() {
        ConsoleBrowser browser = signIn(MANAGER, "192.0.2.1");

        HttpResponse teams = browser.get("/console/teams");
        assertThat(teams.status()).isEqualTo(200);
        assertThat(teams.body()).contains("U11 Panthers").doesNotContain("U9 Lions");

        HttpResponse roster = browser.get("/console/team", Map.of("name", "U11 Panthers", "season", "2026-27"));
        assertThat(roster.status()).isEqualTo(200);
        assertThat(roster.body()).contains("<table", "Sam Taylor", "Pending", "Date of birth");

        HttpResponse player = browser.get("/console/players/" + panther);
        assertThat(player.status()).isEqualTo(200);
        assertThat(player.body()).contains("Asthma: inhaler in kit bag", "Pat Taylor, +447700900409");
    }

    @Test
    void anotherTeamsPlayerOrTeamIsNotFoundAndShowsNothingOfIt() {
        ConsoleBrowser browser = signIn(MANAGER, "192.0.2.1");

        HttpResponse player = browser.get("/console/players/" + lion);
        HttpResponse team = browser.get("/console/team", Map.of("name", "U9 Lions", "season", "2026-27"));
        HttpResponse missing = browser.get("/console/players/999999");

        assertThat(List.of(player, team, missing)).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(404);
            assertThat(response.body()).doesNotContain("Ria", "Jones", "+447700900402");
        });
    }

    @Test
    void aClubAdminSeesEveryTeam() {
        ConsoleBrowser browser = signIn(ADMIN, "192.0.2.1");

        assertThat(browser.get("/console/teams").body()).contains("U11 Panthers", "U9 Lions");
        assertThat(browser.get("/console/players/" + lion).status()).isEqualTo(200);
    }

    @Test
    void aKnownAndAnUnknownNumberGetTheSameAnswerAndOnlyTheKnownOneAMessage() {
        ConsoleBrowser known = new ConsoleBrowser(system, "192.0.2.1");
        ConsoleBrowser unknown = new ConsoleBrowser(system, "192.0.2.2");
        known.get("/console");
        unknown.get("/console");

        HttpResponse knownAnswer = known.submit("/console/sign-in/code", Map.of("phone", "07700 900701"));
        HttpResponse unknownAnswer = unknown.submit("/console/sign-in/code", Map.of("phone", "07700 900799"));

        assertThat(unknownAnswer.status()).isEqualTo(knownAnswer.status()).isEqualTo(200);
        assertThat(unknownAnswer.headers()).isEqualTo(knownAnswer.headers());
        assertThat(comparable(unknownAnswer, unknown, STRANGER)).isEqualTo(comparable(knownAnswer, known, MANAGER));
        assertThat(harness.sentTo(MANAGER)).hasSize(1);
        assertThat(harness.sentTo(STRANGER)).isEmpty();
    }

    @Test
    void anUnknownNumberCannotSignInEvenWithTheRightCode() {
        ConsoleBrowser browser = new ConsoleBrowser(system, "192.0.2.1");
        browser.get("/console");
        browser.submit("/console/sign-in/code", Map.of("phone", STRANGER));
        // Its code was never sent; make it one we know, as if guessed.
        ConsoleKeys keys = new ConsoleKeys(new ConsoleRepository(new Jdbc(harness.database)));
        harness.execute("UPDATE console_sign_in_codes SET code_hash = ? WHERE phone_e164 = ?",
                keys.mac("sign-in-code", STRANGER + ":123456"), STRANGER);

        HttpResponse answer = browser.submit("/console/sign-in", Map.of("phone", STRANGER, "code", "123456"));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(browser.get("/console/teams").status()).isEqualTo(303);
        assertThat(harness.count("SELECT count(*) FROM console_sessions")).isZero();
    }

    @Test
    void theCodeGoesByTheAuthenticationTemplateAndIsStoredOnlyAsAHash() {
        system = harness.system(clock, Map.of("TWILIO_LOGIN_CONTENT_SID", LOGIN_SID));
        ConsoleBrowser browser = new ConsoleBrowser(system, "192.0.2.1");
        browser.get("/console");
        browser.submit("/console/sign-in/code", Map.of("phone", MANAGER));

        Map<String, String> sent = harness.sentTo(MANAGER).getLast();
        String code = Json.read(sent.get("ContentVariables")).path("1").asText();
        assertThat(sent).containsEntry("ContentSid", LOGIN_SID);
        assertThat(code).matches("[0-9]{6}");
        assertThat(harness.count("SELECT count(*) FROM console_sign_in_codes WHERE sealed_code IS NULL")).isEqualTo(1);
        assertThat(harness.count("""
                SELECT count(*) FROM console_sign_in_codes WHERE position(convert_to(?, 'UTF8') IN code_hash) > 0""",
                code)).isZero();
        assertThat(harness.count("""
                SELECT count(*) FROM messages WHERE phone_e164 = ? AND content_variables::text LIKE ?""",
                MANAGER, "%" + code + "%")).isZero();
        assertThat(browser.submit("/console/sign-in", Map.of("phone", MANAGER, "code", code)).status()).isEqualTo(303);
    }

    @Test
    void aWrongCodeIsRefused() {
        ConsoleBrowser browser = askForCode(MANAGER, "192.0.2.1");
        String wrong = otherThan(lastCode(MANAGER));

        HttpResponse answer = browser.submit("/console/sign-in", Map.of("phone", MANAGER, "code", wrong));

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).contains("That code is wrong");
        assertThat(answer.headers()).doesNotContainKey("Set-Cookie");
    }

    @Test
    void anExpiredCodeIsRefused() {
        ConsoleBrowser browser = askForCode(MANAGER, "192.0.2.1");
        clock.advance(SignIn.CODE_LIFETIME.plusSeconds(1));

        assertThat(browser.submit("/console/sign-in", Map.of("phone", MANAGER, "code", lastCode(MANAGER))).status())
                .isEqualTo(401);
    }

    @Test
    void aUsedCodeIsRefused() {
        ConsoleBrowser first = askForCode(MANAGER, "192.0.2.1");
        String code = lastCode(MANAGER);
        assertThat(first.submit("/console/sign-in", Map.of("phone", MANAGER, "code", code)).status()).isEqualTo(303);

        ConsoleBrowser second = new ConsoleBrowser(system, "192.0.2.1");
        second.get("/console");
        assertThat(second.submit("/console/sign-in", Map.of("phone", MANAGER, "code", code)).status()).isEqualTo(401);
    }

    @Test
    void fiveWrongCodesUseTheCodeUp() {
        ConsoleBrowser browser = askForCode(MANAGER, "192.0.2.1");
        String code = lastCode(MANAGER);
        for (int i = 0; i < SignIn.ATTEMPTS_PER_CODE; i++) {
            assertThat(browser.submit("/console/sign-in", Map.of("phone", MANAGER, "code", otherThan(code))).status())
                    .isEqualTo(401);
        }

        assertThat(browser.submit("/console/sign-in", Map.of("phone", MANAGER, "code", code)).status()).isEqualTo(401);
    }

    @Test
    void wrongCodesFromOneAddressHitItsLimit() {
        ConsoleBrowser browser = new ConsoleBrowser(system, "192.0.2.9");
        browser.get("/console");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i <= SignIn.WRONG_CODES_PER_ADDRESS; i++) {
            statuses.add(browser.submit("/console/sign-in", Map.of("phone", "+4477009001" + (10 + i % 80),
                    "code", "123456")).status());
        }

        assertThat(statuses.subList(0, SignIn.WRONG_CODES_PER_ADDRESS)).containsOnly(401);
        assertThat(statuses.getLast()).isEqualTo(429);
        assertThat(browser.last.headers()).containsKey("Retry-After");
    }

    @Test
    void codesForOneNumberAreLimitedWithoutSayingSo() {
        List<HttpResponse> answers = new ArrayList<>();
        for (int i = 0; i <= SignIn.CODES_PER_NUMBER; i++) {
            ConsoleBrowser browser = new ConsoleBrowser(system, "192.0.2." + (20 + i));
            browser.get("/console");
            answers.add(browser.submit("/console/sign-in/code", Map.of("phone", MANAGER)));
        }

        assertThat(answers).extracting(HttpResponse::status).containsOnly(200);
        assertThat(harness.sentTo(MANAGER)).hasSize(SignIn.CODES_PER_NUMBER);
    }

    @Test
    void codesAskedForFromOneAddressHitItsLimit() {
        ConsoleBrowser browser = new ConsoleBrowser(system, "192.0.2.30");
        browser.get("/console");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i <= SignIn.CODES_PER_ADDRESS; i++) {
            statuses.add(browser.submit("/console/sign-in/code", Map.of("phone", "+4477009002" + (10 + i))).status());
            browser.get("/console");
        }

        assertThat(statuses.subList(0, SignIn.CODES_PER_ADDRESS)).containsOnly(200);
        assertThat(statuses.getLast()).isEqualTo(429);
    }

    // --- The session ---

    @Test
    void theSessionCookieIsHttpOnlyStrictAndSecureOverHttps() {
        ConsoleBrowser browser = new ConsoleBrowser(system, "192.0.2.1").header("X-Forwarded-Proto", "https");
        browser.get("/console");
        browser.submit("/console/sign-in/code", Map.of("phone", MANAGER));
        HttpResponse signedIn = browser.submit("/console/sign-in", Map.of("phone", MANAGER, "code", lastCode(MANAGER)));

        assertThat(signedIn.headers().get("Set-Cookie")).startsWith("console=s.")
                .contains("; Path=/prod/console", "; Max-Age=43200", "; HttpOnly", "; SameSite=Strict", "; Secure");
        assertThat(signedIn.headers()).containsEntry("Location", "/prod/console/teams");
        assertThat(new ConsoleBrowser(system, "192.0.2.1").get("/console").headers().get("Set-Cookie"))
                .doesNotContain("Secure");
    }

    @Test
    void aForgedOrTamperedCookieIsRefused() {
        ConsoleBrowser browser = signIn(MANAGER, "192.0.2.1");
        String good = browser.cookie;
        String[] parts = good.split("\\.");

        List<String> forgeries = List.of(
                parts[0] + "." + parts[1] + "." + parts[2].substring(1) + (parts[2].charAt(0) == 'A' ? "B" : "A"),
                parts[0] + "." + parts[1].substring(1) + "x." + parts[2],
                "s." + ConsoleKeys.randomToken() + "." + parts[2],
                "a." + parts[1] + "." + parts[2],
                "garbage");
        for (String forged : forgeries) {
            browser.cookie = forged;
            assertThat(browser.get("/console/teams").status()).as(forged).isEqualTo(303);
        }
        browser.cookie = good;
        assertThat(browser.get("/console/teams").status()).isEqualTo(200);
    }

    @Test
    void aSessionEndsAfterTwelveHours() {
        ConsoleBrowser browser = signIn(MANAGER, "192.0.2.1");
        clock.advance(SignIn.SESSION_LIFETIME.minusMinutes(1));
        assertThat(browser.get("/console/teams").status()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(2));
        assertThat(browser.get("/console/teams").status()).isEqualTo(303);
    }

    @Test
    void signingOutRevokesTheSessionEvenIfTheCookieIsKept() {
        ConsoleBrowser browser = signIn(MANAGER, "192.0.2.1");
        String kept = browser.cookie;
        browser.get("/console/teams");

        assertThat(browser.submit("/console/sign-out", Map.of()).status()).isEqualTo(303);
        browser.cookie = kept;

        assertThat(browser.get("/console/teams").status()).isEqualTo(303);
        assertThat(harness.count("SELECT count(*) FROM console_sessions WHERE revoked_at IS NOT NULL")).isEqualTo(1);
    }

    @Test
    void aFormWithoutItsCsrfTokenIsRefused() {
        ConsoleBrowser visitor = new ConsoleBrowser(system, "192.0.2.1");
        visitor.get("/console");
        assertThat(visitor.post("/console/sign-in/code", Map.of("phone", MANAGER)).status()).isEqualTo(403);
        assertThat(visitor.post("/console/sign-in/code", Map.of("phone", MANAGER, "csrf", "forged")).status())
                .isEqualTo(403);
        assertThat(harness.sentTo(MANAGER)).isEmpty();

        ConsoleBrowser browser = signIn(MANAGER, "192.0.2.1");
        browser.get("/console/teams");
        visitor.get("/console");
        String othersToken = visitor.csrf();
        assertThat(browser.post("/console/sign-out", Map.of()).status()).isEqualTo(403);
        assertThat(browser.post("/console/sign-out", Map.of("csrf", othersToken)).status()).isEqualTo(403);
        assertThat(browser.get("/console/teams").status()).isEqualTo(200);
    }

    @Test
    void everyPageHasTheSecurityHeaders() {
        ConsoleBrowser browser = new ConsoleBrowser(system, "192.0.2.1");
        List<HttpResponse> pages = new ArrayList<>();
        pages.add(browser.get("/console"));
        pages.add(browser.get("/console/console.css"));
        pages.add(browser.get("/console/teams"));
        browser.get("/console");
        pages.add(browser.post("/console/sign-in/code", Map.of("phone", MANAGER)));
        browser.get("/console");
        pages.add(browser.submit("/console/sign-in/code", Map.of("phone", MANAGER)));
        pages.add(browser.submit("/console/sign-in", Map.of("phone", MANAGER, "code", lastCode(MANAGER))));
        pages.add(browser.get("/console/teams"));
        pages.add(browser.get("/console/team", Map.of("name", "U11 Panthers", "season", "2026-27")));
        pages.add(browser.get("/console/players/" + panther));
        pages.add(browser.get("/console/players/" + lion));

        assertThat(pages).allSatisfy(page -> {
            assertThat(page.headers().get("Content-Security-Policy"))
                    .contains("default-src 'none'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
            assertThat(page.headers()).containsEntry("X-Content-Type-Options", "nosniff")
                    .containsEntry("Referrer-Policy", "no-referrer");
            assertThat(page.body()).doesNotContain("<script", " style=", "<style");
        });
    }

    @Test
    void whatParentsTypedIsEscaped() {
        harness.execute("UPDATE players SET medical_notes = '<script>alert(1)</script>' WHERE id = ?", panther);
        ConsoleBrowser browser = signIn(MANAGER, "192.0.2.1");

        assertThat(browser.get("/console/players/" + panther).body())
                .doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    }

    // --- Helpers ---

    private ConsoleBrowser signIn(String phone, String sourceIp) {
        return new ConsoleBrowser(system, sourceIp).signIn(harness, phone);
    }

    private ConsoleBrowser askForCode(String phone, String sourceIp) {
        ConsoleBrowser browser = new ConsoleBrowser(system, sourceIp);
        assertThat(browser.get("/console").body()).contains("<label for=\"phone\">Mobile number</label>", "Send code");
        HttpResponse answer = browser.submit("/console/sign-in/code", Map.of("phone", phone));
        assertThat(answer.body()).contains("<label for=\"code\">Code</label>", "Sign in");
        return browser;
    }

    private String lastCode(String phone) {
        return ConsoleBrowser.lastCode(harness, phone);
    }

    private static String otherThan(String code) {
        return code.equals("000000") ? "000001" : "000000";
    }

    /** The page without what differs by design: the number typed and the visitor's own CSRF token. */
    private static String comparable(HttpResponse answer, ConsoleBrowser browser, String phone) {
        return answer.body().replace(phone, "NUMBER").replace(browser.csrf(), "TOKEN");
    }
}
