package uk.clubreg.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.json.Json;
import uk.clubreg.messaging.MessagingHarness;
import uk.clubreg.persistence.DatabaseException;
import uk.clubreg.persistence.Jdbc;
import uk.clubreg.testsupport.TestClock;

/** The access audit through the whole system: reads of a team are recorded, and an admin reads the audit. */
class AccessAuditIT {

    private static final String ALEX = "+447700900311";
    private static final String JO = "+447700900312";

    private final MessagingHarness harness = new MessagingHarness();
    private final TestClock clock = TestClock.atLondon(LocalDateTime.of(2026, 11, 2, 10, 0));
    private RegistrationSystem system;

    @BeforeEach
    void start() {
        system = harness.system(clock, Map.of());
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aReadOfATeamIsRecordedWithIdsOnlyAndTheAdminSeesWhoWhatAndWhen() {
        invite("Sam", ALEX);
        invite("Ria", JO);

        MessagingHarness.registrations(system, "U11 Panthers");

        JsonNode entries = audit(Map.of()).path("entries");
        assertThat(entries).hasSize(1);
        JsonNode entry = entries.get(0);
        assertThat(entry.path("action").asText()).isEqualTo("read_team");
        assertThat(entry.path("actor")).isEqualTo(Json.read("{\"kind\": \"api_key\", \"id\": \"api-key\"}"));
        assertThat(entry.path("at").asText()).isEqualTo("2026-11-02T10:00:00Z");
        assertThat(entry.path("request_id").asText()).isEqualTo("test-request");
        assertThat(entry.path("player_ids")).hasSize(2);
        assertThat(entry.path("parent_ids")).hasSize(2);
        assertThat(entry.path("detail")).isEqualTo(Json.read("""
                {"team_name": "U11 Panthers", "season": "2026-27", "players": 2}"""));
        String row = harness.queryString("SELECT row_to_json(a)::text FROM access_audit a");
        assertThat(row).doesNotContain("900311", "900312", "Sam", "Ria", "Alex", "Taylor");
    }

    @Test
    void theAuditIsReadNewestFirstInPagesAndByAction() {
        invite("Sam", ALEX);
        for (int i = 0; i < 3; i++) {
            MessagingHarness.registrations(system, "U11 Panthers");
        }
        AccessAudit audit = new AccessAudit(new AccessAuditRepository(new Jdbc(harness.database)), clock);
        audit.record(Actor.system("retention"), AuditAction.RETENTION, List.of(), List.of(),
                Map.of("message_bodies_redacted", 4), null);

        JsonNode first = audit(Map.of("limit", "2"));
        JsonNode second = audit(Map.of("limit", "2", "before", first.path("next_before").asText()));
        JsonNode retention = audit(Map.of("action", "retention"));

        assertThat(first.path("entries").findValuesAsText("action")).containsExactly("retention", "read_team");
        assertThat(second.path("entries").findValuesAsText("action")).containsExactly("read_team", "read_team");
        assertThat(second.path("entries").get(0).path("id").asLong())
                .isLessThan(first.path("entries").get(1).path("id").asLong());
        assertThat(retention.path("entries")).hasSize(1);
        assertThat(retention.path("next_before").isNull()).isTrue();
    }

    @Test
    void wrongParametersAreNamedAndTheAuditNeedsTheKey() {
        HttpResponse bad = get(Map.of("limit", "500", "before", "x", "action", "peek", "who", "me"),
                Map.of("x-api-key", MessagingHarness.API_KEY));
        HttpResponse noKey = get(Map.of(), Map.of());

        assertThat(bad.status()).isEqualTo(400);
        assertThat(Json.read(bad.body()).path("fields").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("limit", "before", "action", "who");
        assertThat(noKey.status()).isEqualTo(401);
    }

    @Test
    void aConsoleManagerIsRecordedByAMaskedNumberAndTheTableRefusesARawOne() {
        AccessAudit audit = new AccessAudit(new AccessAuditRepository(new Jdbc(harness.database)), clock);

        audit.record(Actor.manager(JO), AuditAction.READ_DETAILS, List.of(1L), List.of(2L), Map.of(), "r1");

        assertThat(audit.page(null, null, 10).getFirst().actor()).isEqualTo(new Actor(Actor.Kind.MANAGER,
                "+44*******312"));
        assertThatThrownBy(() -> harness.execute("""
                INSERT INTO access_audit (at, actor_kind, actor_id, action) VALUES (now(), 'manager', ?, 'export')""",
                JO)).isInstanceOf(DatabaseException.class).cause().hasMessageContaining("access_audit_actor_id_check");
    }

    private void invite(String child, String parentTel) {
        HttpResponse response = MessagingHarness.call(system, "POST", "/trigger", """
                {"player_first_name": "%s", "player_last_name": "Taylor", "parent_tel": "%s",
                 "parent_first_name": "Alex", "team_name": "U11 Panthers"}""".formatted(child, parentTel));
        assertThat(response.status()).isEqualTo(201);
    }

    private JsonNode audit(Map<String, String> query) {
        HttpResponse response = get(query, Map.of("x-api-key", MessagingHarness.API_KEY));
        assertThat(response.status()).isEqualTo(200);
        return Json.read(response.body());
    }

    private HttpResponse get(Map<String, String> query, Map<String, String> headers) {
        return system.router().dispatch(new HttpRequest("GET", "/admin/audit", headers, query, "", "test-request"));
    }
}
