package uk.clubreg.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.ResultSet;
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
import uk.clubreg.messaging.MessagingHarness;
import uk.clubreg.testsupport.TestClock;

/**
 * The JSON behind the console's pages (/console/api/…, docs/console.md): the same session, the same scope, the same
 * access audit as the pages.
 */
class ConsoleApiIT {

    private static final String MANAGER = "+447700900721";
    private static final String ADMIN = "+447700900731";

    private final MessagingHarness harness = new MessagingHarness();
    private final TestClock clock = new TestClock(Instant.parse("2026-11-03T10:00:00Z"));
    private RegistrationSystem system;
    private long sam;
    private long ava;
    private long ria;

    @BeforeEach
    void start() {
        system = harness.system(clock, Map.of("CLUB_ADMIN_TELS", "07700 900731"));
        sam = ConsoleBrowser.invite(system, "Sam", "Taylor", "+447700900421", "U11 Panthers", "07700 900721");
        ava = ConsoleBrowser.invite(system, "Ava", "Jones", "+447700900422", "U11 Panthers", "07700 900721");
        ria = ConsoleBrowser.invite(system, "Ria", "Brown", "+447700900423", "U9 Lions", "07700 900722");
        harness.execute("""
                UPDATE players SET registration_status = 'confirmed', medical_notes = 'Asthma: inhaler in kit bag',
                                   emergency_contact_name = 'Pat Taylor', emergency_contact_tel = '+447700900429'
                 WHERE id = ?""", sam);
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void withoutASessionEveryApiRouteAnswers401AsJson() {
        ConsoleBrowser visitor = new ConsoleBrowser(system, "192.0.2.1");
        visitor.get("/console");
        String panthers = ConsoleQueries.teamId("U11 Panthers", "2026-27");

        for (String path : List.of("/console/api/teams", "/console/api/teams/" + panthers + "/players",
                "/console/api/players/" + sam)) {
            HttpResponse answer = visitor.get(path);
            assertThat(answer.status()).as(path).isEqualTo(401);
            assertThat(answer.headers()).containsEntry("Content-Type", "application/json")
                    .containsEntry("X-Content-Type-Options", "nosniff");
            assertThat(Json.read(answer.body()).path("error").asText()).isEqualTo("unauthorized");
            assertThat(answer.body()).doesNotContain("Sam", "Panthers");
        }
    }

    @Test
    void aManagerListsTheirTeamsAndItsPlayersFilteredByStatus() {
        ConsoleBrowser browser = signIn(MANAGER);

        HttpResponse teamsAnswer = browser.get("/console/api/teams");
        assertThat(teamsAnswer.status()).isEqualTo(200);
        assertThat(teamsAnswer.headers()).containsEntry("Content-Type", "application/json")
                .containsKey("Content-Security-Policy");
        JsonNode teams = Json.read(teamsAnswer.body()).path("teams");
        assertThat(teams).hasSize(1);
        assertThat(teams.get(0).path("name").asText()).isEqualTo("U11 Panthers");
        assertThat(teams.get(0).path("season").asText()).isEqualTo("2026-27");
        assertThat(teams.get(0).path("players").asInt()).isEqualTo(2);

        String players = "/console/api/teams/" + teams.get(0).path("team_id").asText() + "/players";
        JsonNode all = Json.read(browser.get(players).body());
        assertThat(all.path("players")).extracting(p -> p.path("first_name").asText()).containsExactly("Sam", "Ava");
        JsonNode first = all.path("players").get(0);
        assertThat(first.path("player_id").asLong()).isEqualTo(sam);
        assertThat(first.path("status").asText()).isEqualTo("confirmed");
        assertThat(first.path("missing_details")).extracting(JsonNode::asText).contains("date_of_birth");
        assertThat(first.path("parent_states").isArray()).isTrue();
        assertThat(first.has("last_message_at")).isTrue();

        JsonNode pending = Json.read(browser.get(players, Map.of("status", "pending")).body());
        assertThat(pending.path("players")).extracting(p -> p.path("player_id").asLong()).containsExactly(ava);
        assertThat(browser.get(players, Map.of("status", "lost")).status()).isEqualTo(400);
    }

    @Test
    void aPlayersDetailsAreRecordedInTheAccessAuditExactlyAsThePageRecordsThem() {
        ConsoleBrowser browser = signIn(MANAGER);

        browser.get("/console/players/" + sam);
        HttpResponse answer = browser.get("/console/api/players/" + sam);

        assertThat(answer.status()).isEqualTo(200);
        JsonNode player = Json.read(answer.body());
        assertThat(player.path("details").path("medical_notes").asText()).isEqualTo("Asthma: inhaler in kit bag");
        assertThat(player.path("details").path("emergency_contact_tel").asText()).isEqualTo("+447700900429");
        assertThat(player.path("parent").path("tel").asText()).isEqualTo("+447700900421");
        assertThat(player.path("team_id").asText()).isEqualTo(ConsoleQueries.teamId("U11 Panthers", "2026-27"));
        assertThat(player.path("transcript")).isNotEmpty();
        List<String> audited = auditRowsWithoutTheirIdTimeAndRequest();
        assertThat(audited).hasSize(2);
        assertThat(audited.get(1)).isEqualTo(audited.get(0)).contains("read_details", "manager", "{" + sam + "}");
    }

    @Test
    void anotherTeamsIdsAnswer404AndRecordNothing() {
        ConsoleBrowser browser = signIn(MANAGER);

        List<HttpResponse> answers = List.of(
                browser.get("/console/api/players/" + ria),
                browser.get("/console/api/players/999999"),
                browser.get("/console/api/players/not-an-id"),
                browser.get("/console/api/teams/" + ConsoleQueries.teamId("U9 Lions", "2026-27") + "/players"),
                browser.get("/console/api/teams/" + ConsoleQueries.teamId("U11 Panthers", "2025-26") + "/players"),
                browser.get("/console/api/teams/not*an*id/players"));

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(404);
            assertThat(Json.read(answer.body()).path("error").asText()).isEqualTo("not_found");
            assertThat(answer.body()).doesNotContain("Ria", "Brown", "+447700900423");
        });
        assertThat(harness.count("SELECT count(*) FROM access_audit")).isZero();
    }

    @Test
    void aClubAdminSeesEveryTeam() {
        ConsoleBrowser browser = signIn(ADMIN);

        JsonNode teams = Json.read(browser.get("/console/api/teams").body()).path("teams");
        assertThat(teams).extracting(t -> t.path("name").asText()).containsExactlyInAnyOrder("U11 Panthers", "U9 Lions");
        assertThat(browser.get("/console/api/players/" + ria).status()).isEqualTo(200);
        assertThat(harness.queryString("SELECT actor_kind FROM access_audit")).isEqualTo("admin");
    }

    @Test
    void aTeamIdStandsForItsNameAndSeasonWhateverTheNameHolds() {
        for (String name : List.of("U11 Panthers", "U12 A/B", "Ünder 9s ⚽", "?&#%")) {
            String id = ConsoleQueries.teamId(name, "2026-27");
            assertThat(id).matches("[A-Za-z0-9_-]+");
            assertThat(ConsoleQueries.team(id)).contains(new ConsoleQueries.TeamName(name, "2026-27"));
        }
        assertThat(ConsoleQueries.team("")).isEmpty();
        assertThat(ConsoleQueries.team("bm8tc2VwYXJhdG9y")).isEmpty();
    }

    private List<String> auditRowsWithoutTheirIdTimeAndRequest() {
        return harness.database.withConnection(connection -> {
            try (ResultSet rows = connection.createStatement().executeQuery("""
                    SELECT actor_kind, actor_id, action, parent_ids::text, player_ids::text, detail::text
                      FROM access_audit ORDER BY id""")) {
                List<String> all = new ArrayList<>();
                while (rows.next()) {
                    all.add(String.join("|", rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6)));
                }
                return all;
            }
        });
    }

    private ConsoleBrowser signIn(String phone) {
        return new ConsoleBrowser(system, "192.0.2.1").signIn(harness, phone);
    }
}
