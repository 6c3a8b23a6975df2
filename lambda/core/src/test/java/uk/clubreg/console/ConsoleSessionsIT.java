package uk.clubreg.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.messaging.MessagingHarness;
import uk.clubreg.testsupport.TestClock;

/**
 * The console's sessions (docs/console.md): a club admin sees every live session, masked, and revokes any; a team
 * manager sees and revokes only their own; anyone signs out everywhere; a revoked session is refused at once.
 */
class ConsoleSessionsIT {

    private static final String MANAGER = "+447700900741";
    private static final String OTHER_MANAGER = "+447700900742";
    private static final String ADMIN = "+447700900751";

    private final MessagingHarness harness = new MessagingHarness();
    private final TestClock clock = new TestClock(Instant.parse("2026-11-03T10:00:00Z"));
    private RegistrationSystem system;

    @BeforeEach
    void start() {
        system = harness.system(clock, Map.of("CLUB_ADMIN_TELS", "07700 900751"));
        ConsoleBrowser.invite(system, "Sam", "Taylor", "+447700900441", "U11 Panthers", "07700 900741");
        ConsoleBrowser.invite(system, "Ria", "Jones", "+447700900442", "U9 Lions", "07700 900742");
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aClubAdminSeesEveryLiveSessionMaskedAndRevokesOneWhichIsRefusedAtOnce() {
        ConsoleBrowser manager = signIn(MANAGER, "192.0.2.1");
        clock.advance(Duration.ofMinutes(30));
        manager.get("/console/teams");
        ConsoleBrowser admin = signIn(ADMIN, "192.0.2.2");

        HttpResponse page = admin.get("/console/sessions");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers()).containsEntry("X-Content-Type-Options", "nosniff")
                .containsEntry("Referrer-Policy", "no-referrer").containsKey("Content-Security-Policy");
        assertThat(page.body()).contains("<table", "+44*******741", "+44*******751", "(this browser)",
                        "3 Nov 2026, 10:00", "3 Nov 2026, 10:30", "Sign out everywhere")
                .doesNotContain("+447700900741");
        HttpResponse revoked = admin.submit("/console/sessions/" + sessionOf(MANAGER) + "/revoke", Map.of());

        assertThat(revoked.status()).isEqualTo(303);
        assertThat(revoked.headers().get("Location")).endsWith("/console/sessions?done=revoked");
        assertThat(manager.get("/console/teams").status()).isEqualTo(303);
        assertThat(manager.get("/console/api/teams").status()).isEqualTo(401);
        assertThat(admin.get("/console/sessions", Map.of("done", "revoked")).body()).doesNotContain("+44*******741")
                .contains("Signed out: that session");
    }

    @Test
    void aTeamManagerSeesAndRevokesOnlyTheirOwnSessions() {
        ConsoleBrowser phone = signIn(MANAGER, "192.0.2.1");
        ConsoleBrowser laptop = signIn(MANAGER, "192.0.2.3");
        ConsoleBrowser other = signIn(OTHER_MANAGER, "192.0.2.4");
        ConsoleBrowser admin = signIn(ADMIN, "192.0.2.2");

        HttpResponse page = laptop.get("/console/sessions");
        assertThat(page.body()).contains("(this browser)").doesNotContain("+44*******742", "+44*******751");
        assertThat(page.body().split("Sign out this session", -1)).hasSize(3);

        assertThat(laptop.submit("/console/sessions/" + sessionOf(ADMIN) + "/revoke", Map.of()).status())
                .isEqualTo(404);
        assertThat(laptop.submit("/console/sessions/" + sessionOf(OTHER_MANAGER) + "/revoke", Map.of()).status())
                .isEqualTo(404);
        assertThat(admin.get("/console/teams").status()).isEqualTo(200);
        assertThat(other.get("/console/teams").status()).isEqualTo(200);

        laptop.get("/console/sessions");
        HttpResponse ownOther = laptop.submit("/console/sessions/" + firstSessionOf(MANAGER) + "/revoke", Map.of());
        assertThat(ownOther.status()).isEqualTo(303);
        assertThat(phone.get("/console/teams").status()).isEqualTo(303);
        assertThat(laptop.get("/console/teams").status()).isEqualTo(200);
    }

    @Test
    void signingOutEverywhereEndsEverySessionOfTheNumberAndNoOtherOne() {
        ConsoleBrowser phone = signIn(MANAGER, "192.0.2.1");
        ConsoleBrowser laptop = signIn(MANAGER, "192.0.2.3");
        ConsoleBrowser admin = signIn(ADMIN, "192.0.2.2");
        String laptopCookie = laptop.cookie;

        laptop.get("/console/sessions");
        HttpResponse answer = laptop.submit("/console/sign-out-everywhere", Map.of());

        assertThat(answer.status()).isEqualTo(303);
        assertThat(answer.headers().get("Set-Cookie")).startsWith("console=a.");
        laptop.cookie = laptopCookie;
        assertThat(laptop.get("/console/teams").status()).isEqualTo(303);
        assertThat(phone.get("/console/teams").status()).isEqualTo(303);
        assertThat(admin.get("/console/teams").status()).isEqualTo(200);
    }

    @Test
    void theFormsNeedTheirCsrfTokenAndChangeNothingWithout() {
        ConsoleBrowser manager = signIn(MANAGER, "192.0.2.1");
        ConsoleBrowser admin = signIn(ADMIN, "192.0.2.2");
        admin.get("/console/sessions");

        assertThat(admin.post("/console/sessions/" + sessionOf(MANAGER) + "/revoke", Map.of()).status())
                .isEqualTo(403);
        assertThat(admin.post("/console/sign-out-everywhere", Map.of("csrf", "forged")).status()).isEqualTo(403);
        assertThat(manager.get("/console/teams").status()).isEqualTo(200);
        assertThat(admin.get("/console/teams").status()).isEqualTo(200);
        assertThat(new ConsoleBrowser(system, "192.0.2.9").get("/console/sessions").status()).isEqualTo(303);
    }

    @Test
    void lastUsedIsKeptToWithinFiveMinutes() {
        ConsoleBrowser manager = signIn(MANAGER, "192.0.2.1");
        clock.advance(Duration.ofMinutes(10));
        manager.get("/console/teams");
        Instant touched = clock.instant();
        clock.advance(Sessions.LAST_USED_WITHIN.minusSeconds(1));
        manager.get("/console/teams");

        assertThat(harness.queryString("SELECT last_used_at::text FROM console_sessions WHERE phone_e164 = ?", MANAGER))
                .isEqualTo(harness.queryString("SELECT ?::timestamptz::text", touched.toString()));
    }

    private long sessionOf(String phone) {
        return harness.count("SELECT max(id) FROM console_sessions WHERE phone_e164 = ?", phone);
    }

    private long firstSessionOf(String phone) {
        return harness.count("SELECT min(id) FROM console_sessions WHERE phone_e164 = ?", phone);
    }

    private ConsoleBrowser signIn(String phone, String sourceIp) {
        return new ConsoleBrowser(system, sourceIp).signIn(harness, phone);
    }
}
