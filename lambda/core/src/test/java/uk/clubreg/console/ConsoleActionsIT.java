package uk.clubreg.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.json.Json;
import uk.clubreg.messaging.MessagingHarness;
import uk.clubreg.testsupport.TestClock;

/**
 * The console's buttons, export and invitations through the whole system (guided mode, jobs inline, the Twilio
 * stub): each calls the same service as the admin routes, only within the viewer's teams.
 */
class ConsoleActionsIT {

    private static final String MANAGER = "+447700900701";
    private static final String ALEX = "+447700900401";
    private static final String RIA_PARENT = "+447700900402";

    private final MessagingHarness harness = new MessagingHarness();
    private final TestClock clock = new TestClock(Instant.parse("2026-11-03T10:00:00Z"));
    private RegistrationSystem system;
    private long sam;
    private long ria;
    private ConsoleBrowser browser;

    @BeforeEach
    void start() {
        system = harness.system(clock, Map.of());
        sam = ConsoleBrowser.invite(system, "Sam", "Taylor", ALEX, "U11 Panthers", "07700 900701");
        ria = ConsoleBrowser.invite(system, "Ria", "Jones", RIA_PARENT, "U9 Lions", "07700 900702");
        browser = new ConsoleBrowser(system, "192.0.2.1").signIn(harness, MANAGER);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    // --- Buttons ---

    @Test
    void releasingAHandOffLetsTheAssistantAnswerWhatTheParentWroteMeanwhile() {
        harness.parentSays(system, ALEX, "help");
        harness.parentSays(system, ALEX, "Yes");
        harness.parentSays(system, ALEX, "Hello, is anyone there?");
        int sentBefore = harness.sentTo(ALEX).size();
        assertThat(browser.get("/console/players/" + sam).body()).contains("Release to the assistant");
        assertThat(browser.get("/console/team", Map.of("name", "U11 Panthers", "season", "2026-27")).body())
                .contains("Waiting for a person");

        HttpResponse released = browser.submit("/console/players/" + sam + "/release", Map.of());

        assertThat(released.headers()).containsEntry("Location", "/prod/console/players/" + sam + "?done=released");
        assertThat(harness.sentTo(ALEX)).hasSizeGreaterThan(sentBefore);
        assertThat(browser.get("/console/players/" + sam, Map.of("done", "released")).body())
                .contains("Released: the assistant is answering").doesNotContain("Release to the assistant");
    }

    @Test
    void aReminderCanBeSentNowAndSaysWhyWhenItCannot() {
        int sentBefore = harness.sentTo(ALEX).size();
        browser.get("/console/players/" + sam);

        assertThat(browser.submit("/console/players/" + sam + "/chase", Map.of()).headers().get("Location"))
                .endsWith("?done=chased");
        assertThat(harness.sentTo(ALEX)).hasSize(sentBefore + 1);

        browser.get("/console/players/" + sam);
        assertThat(browser.submit("/console/players/" + sam + "/chase", Map.of()).headers().get("Location"))
                .endsWith("?done=chase_reminded_today");
        assertThat(harness.sentTo(ALEX)).hasSize(sentBefore + 1);
    }

    @Test
    void theInvitationIsResentOnlyAsTriggerWouldResendIt() {
        browser.get("/console/players/" + sam);
        assertThat(browser.submit("/console/players/" + sam + "/resend", Map.of()).headers().get("Location"))
                .endsWith("?done=not_resent");

        harness.parentSays(system, ALEX, "Hi");
        browser.get("/console/players/" + sam);
        assertThat(browser.submit("/console/players/" + sam + "/resend", Map.of()).headers().get("Location"))
                .endsWith("?done=resent");
        assertThat(harness.sentTo(ALEX).getLast()).containsEntry("ContentSid", MessagingHarness.EXISTING_SID);
    }

    @Test
    void aPlayerMarkedWithdrawnIsDeclinedWithTheReasonInTheNotes() {
        browser.get("/console/players/" + sam);

        HttpResponse closed = browser.submit("/console/players/" + sam + "/close", Map.of("reason", "withdrawn"));

        assertThat(closed.headers().get("Location")).endsWith("?done=withdrawn");
        assertThat(harness.queryString("SELECT registration_status || '/' || stage FROM players WHERE id = ?", sam))
                .isEqualTo("declined/declined");
        assertThat(harness.queryString("SELECT registration_notes FROM players WHERE id = ?", sam))
                .startsWith("Withdrawn in the console by the team manager on 2026-11-03");
        assertThat(browser.get("/console/players/" + sam).body()).doesNotContain("Send a reminder now");
    }

    @Test
    void anotherTeamsPlayerCannotBeActedOnAndAFormNeedsItsToken() {
        browser.get("/console/players/" + sam);
        for (String action : List.of("release", "chase", "resend", "close")) {
            assertThat(browser.submit("/console/players/" + ria + "/" + action, Map.of("reason", "declined")).status())
                    .as(action).isEqualTo(404);
            browser.get("/console/players/" + sam);
            assertThat(browser.post("/console/players/" + sam + "/" + action, Map.of("reason", "declined")).status())
                    .as(action).isEqualTo(403);
            browser.get("/console/players/" + sam);
        }
        assertThat(harness.sentTo(RIA_PARENT)).hasSize(1);
        assertThat(harness.queryString("SELECT registration_status FROM players WHERE id = ?", sam)).isEqualTo("pending");
    }

    // --- Export ---

    @Test
    void theCsvExportHasABomTheDocumentedColumnsAndIsoDates() {
        harness.execute("UPDATE players SET date_of_birth = '2015-04-01', kit_size = '9-10', photo_consent = true,"
                + " medical_notes = 'Asthma, \"mild\"' WHERE id = ?", sam);

        HttpResponse csv = browser.get("/console/team.csv", Map.of("name", "U11 Panthers", "season", "2026-27"));

        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.headers()).containsEntry("Content-Type", "text/csv; charset=utf-8")
                .containsEntry("Content-Disposition", "attachment; filename=\"U11-Panthers-2026-27.csv\"");
        assertThat(csv.body()).startsWith("\uFEFF");
        List<List<String>> rows = Csv.parse(csv.body());
        assertThat(rows).hasSize(2);
        assertThat(rows.getFirst()).isEqualTo(RosterExport.COLUMNS);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < RosterExport.COLUMNS.size(); i++) {
            row.put(RosterExport.COLUMNS.get(i), rows.get(1).get(i));
        }
        assertThat(row).containsEntry("first_name", "Sam").containsEntry("date_of_birth", "2015-04-01")
                .containsEntry("photo_consent", "yes").containsEntry("medical_notes", "Asthma, \"mild\"")
                .containsEntry("parent_tel", ALEX).containsEntry("status", "pending");
        assertThat(row.get("last_message_at")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(csv.body()).contains("\r\n");
    }

    @Test
    void aPlayersDetailsViewAndATeamsExportAreInTheAccessAuditUnderTheManagersMaskedNumber() {
        browser.get("/console/players/" + sam);
        browser.get("/console/team.csv", Map.of("name", "U11 Panthers", "season", "2026-27"));
        browser.get("/console/players/" + ria);

        JsonNode entries = Json.read(MessagingHarness.call(system, "GET", "/admin/audit", null).body()).path("entries");
        List<JsonNode> console = new ArrayList<>();
        entries.forEach(entry -> {
            if (entry.path("actor").path("kind").asText().equals("manager")) {
                console.add(entry);
            }
        });

        assertThat(console).extracting(entry -> entry.path("action").asText())
                .containsExactly("export", "read_details");
        assertThat(console).allSatisfy(entry -> {
            assertThat(entry.path("actor").path("id").asText()).isNotBlank().doesNotContain(MANAGER.substring(3));
            assertThat(entry.path("player_ids").toString()).isEqualTo("[" + sam + "]");
        });
    }

    @Test
    void anotherTeamsExportIsNotFound() {
        HttpResponse csv = browser.get("/console/team.csv", Map.of("name", "U9 Lions", "season", "2026-27"));

        assertThat(csv.status()).isEqualTo(404);
        assertThat(csv.body()).doesNotContain("Ria");
    }

    // --- Invitations ---

    @Test
    void aPlayerInvitedWithTheFormJoinsTheManagersTeamAndABadOneIsShownItsErrors() {
        browser.get("/console/invite", Map.of("name", "U11 Panthers", "season", "2026-27"));
        HttpResponse bad = browser.submit("/console/invite", Map.of("name", "U11 Panthers", "season", "2026-27",
                "player_first_name", "Leo", "player_last_name", "", "parent_tel", "12345"));

        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("must be a valid mobile number", "is required", "value=\"Leo\"");
        assertThat(harness.count("SELECT count(*) FROM players WHERE first_name = 'Leo'")).isZero();

        HttpResponse good = browser.submit("/console/invite", Map.of("name", "U11 Panthers", "season", "2026-27",
                "player_first_name", "Leo", "player_last_name", "Khan", "parent_tel", "07700 900403",
                "parent_first_name", "Sana"));

        assertThat(good.status()).isEqualTo(303);
        assertThat(harness.queryString("SELECT team_name || '/' || season || '/' || manager_tel FROM players "
                + "WHERE first_name = 'Leo'")).isEqualTo("U11 Panthers/2026-27/" + MANAGER);
        assertThat(harness.sentTo("+447700900403")).singleElement()
                .satisfies(form -> assertThat(form).containsEntry("ContentSid", MessagingHarness.INVITE_SID));
    }

    @Test
    void anUploadedSquadIsPreviewedWithEachBadRowsErrorAndOnlyItsGoodRowsAreInvited() {
        browser.get("/console/invite", Map.of("name", "U11 Panthers", "season", "2026-27"));
        String squad = """
                player_first_name,player_last_name,parent_tel,parent_first_name
                Ava,Brown,07700 900404,Kim
                Max,Green,12345,Lee
                "Zoë","O'Neil",+447700900405,"Sam, Jr"
                """;

        HttpResponse preview = browser.upload("/console/invite/preview",
                Map.of("name", "U11 Panthers", "season", "2026-27"), "squad", squad);

        assertThat(preview.status()).isEqualTo(200);
        assertThat(preview.body()).contains("<td data-label=\"Line\">3</td><td data-label=\"Player\">Max Green</td>",
                "parent_tel must be a valid mobile number",
                "Invite 2 players");
        assertThat(harness.count("SELECT count(*) FROM players WHERE team_name = 'U11 Panthers'")).isEqualTo(1);

        HttpResponse invited = browser.submit("/console/invite/upload",
                Map.of("name", "U11 Panthers", "season", "2026-27", "squad", squad));

        assertThat(invited.status()).isEqualTo(303);
        assertThat(harness.count("SELECT count(*) FROM players WHERE team_name = 'U11 Panthers'")).isEqualTo(3);
        assertThat(harness.count("SELECT count(*) FROM players WHERE first_name = 'Max'")).isZero();
        assertThat(harness.queryString("SELECT first_name FROM players WHERE last_name = 'O''Neil'")).isEqualTo("Zoë");
    }

    @Test
    void aManagerCannotInviteIntoAnotherTeam() {
        browser.get("/console/invite", Map.of("name", "U11 Panthers", "season", "2026-27"));

        HttpResponse answer = browser.submit("/console/invite", Map.of("name", "U9 Lions", "season", "2026-27",
                "player_first_name", "Leo", "player_last_name", "Khan", "parent_tel", "07700 900403"));

        assertThat(answer.status()).isEqualTo(404);
        assertThat(browser.get("/console/invite", Map.of("name", "U9 Lions", "season", "2026-27")).status())
                .isEqualTo(404);
        assertThat(harness.count("SELECT count(*) FROM players WHERE first_name = 'Leo'")).isZero();
    }
}
