package uk.clubreg.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.json.Json;
import uk.clubreg.messaging.MessagingHarness;
import uk.clubreg.persistence.DatabaseException;
import uk.clubreg.testsupport.TestClock;

/**
 * Retention as the daily run does it (guided mode, jobs inline, the Twilio stub), on a clock that moves days ahead.
 * A registration's finishing time is the database's (players.finished_at), so the clock starts at the real now.
 */
class RetentionIT {

    private static final String ALEX = "+447700900671";
    private static final String BEA = "+447700900675";

    private final MessagingHarness harness = new MessagingHarness();
    private final Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private final TestClock clock = new TestClock(start);
    private RegistrationSystem system;

    @BeforeEach
    void start() {
        harness.twilio.deletesMessageRecords();
        system = harness.system(clock, Map.of("QUIET_HOURS", "none"));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void messagesAreRedactedNinetyDaysAfterTheRegistrationFinishedAndTheOutcomeStays() {
        invite("Samira", ALEX, "2026-27");
        invite("Beatrix", BEA, "2026-27");
        harness.parentSays(system, ALEX, "Samira uses an inhaler");
        harness.parentSays(system, BEA, "Beatrix is allergic to nuts");
        harness.execute("""
                UPDATE players SET registration_status = 'completed', stage = 'completed',
                       medical_notes = 'Asthma: blue inhaler' WHERE first_name = 'Samira'""");
        long alexMessages = harness.count("SELECT count(*) FROM messages WHERE phone_e164 = ?", ALEX);

        JsonNode early = retentionAfter(Duration.ofDays(89));
        JsonNode due = retentionAfter(Duration.ofDays(91));
        JsonNode again = retentionAfter(Duration.ofDays(92));

        assertThat(early.path("messages_redacted").asInt()).isZero();
        assertThat(due.path("conversations").asInt()).isEqualTo(1);
        assertThat(due.path("messages_redacted").asLong()).isEqualTo(alexMessages);
        assertThat(due.path("replies_redacted").asInt()).isPositive();
        assertThat(due.path("twilio_messages_queued").asLong()).isEqualTo(alexMessages);
        assertThat(again.path("messages_redacted").asInt()).isZero();
        assertThat(harness.count("""
                SELECT count(*) FROM messages WHERE phone_e164 = ? AND redacted_at IS NOT NULL AND body IS NULL
                   AND media IS NULL AND content_variables IS NULL""", ALEX)).isEqualTo(alexMessages);
        assertThat(harness.count("SELECT count(*) FROM messages WHERE body LIKE '%inhaler%'")).isZero();
        assertThat(harness.count("SELECT count(*) FROM conversation_turns WHERE reply::text LIKE '%Samira%'")).isZero();
        assertThat(harness.count("SELECT count(*) FROM messages WHERE body LIKE '%nuts%'")).isEqualTo(1);
        assertThat(harness.twilio.deletedSids()).hasSize((int) alexMessages);
        assertThat(harness.queryString("SELECT registration_status || ' ' || medical_notes FROM players "
                + "WHERE first_name = 'Samira'")).isEqualTo("completed Asthma: blue inhaler");
        assertThat(harness.queryString("""
                SELECT actor_kind || ':' || actor_id FROM access_audit WHERE action = 'retention'
                   AND (detail ->> 'conversations')::int = 1""")).isEqualTo("system:retention");
    }

    @Test
    void detailsAreDeletedOneSeasonAfterTheirOwnSoLastSeasonsStayForReturningPlayers() {
        invite("Samira", ALEX, "2024-25");
        invite("Samira", ALEX, "2025-26");
        invite("Samira", ALEX, "2026-27");
        harness.execute("UPDATE players SET medical_notes = 'Asthma', date_of_birth = '2016-03-14', kit_size = 'M', "
                + "photo_consent = true, emergency_contact_tel = '+447700900672'");
        harness.execute("""
                INSERT INTO consents (player_id, kind, given, wording_version)
                SELECT id, kind, true, '1' FROM players, (VALUES ('photo'), ('data_processing')) AS k (kind)""");

        JsonNode run = retentionAfter(Duration.ofDays(1));

        assertThat(run.path("players_details_deleted").asInt()).isEqualTo(1);
        assertThat(harness.queryString("""
                SELECT string_agg(season || '=' || coalesce(medical_notes, '-') || '/' || coalesce(kit_size, '-')
                       || '/' || (details_deleted_at IS NOT NULL), ' ' ORDER BY season) FROM players"""))
                .isEqualTo("2024-25=-/-/true 2025-26=Asthma/M/false 2026-27=Asthma/M/false");
        assertThat(harness.count("SELECT count(*) FROM players WHERE emergency_contact_tel IS NOT NULL")).isEqualTo(2);
        assertThat(harness.queryString("""
                SELECT string_agg(DISTINCT p.season, ' ' ORDER BY p.season) FROM consents c
                  JOIN players p ON p.id = c.player_id""")).isEqualTo("2025-26 2026-27");
    }

    @Test
    void messageContentChangesOnlyByRedactionInATransactionAuditedAsRetention() {
        invite("Samira", ALEX, "2026-27");
        String id = harness.queryString("SELECT min(id) FROM messages");

        assertThatThrownBy(() -> harness.execute("UPDATE messages SET body = NULL, redacted_at = now() WHERE id = "
                + id)).isInstanceOf(DatabaseException.class).cause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> inRetentionTransaction("UPDATE messages SET body = 'other', redacted_at = now() "
                + "WHERE id = " + id)).isInstanceOf(DatabaseException.class).cause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> inRetentionTransaction("DELETE FROM messages WHERE id = " + id))
                .isInstanceOf(DatabaseException.class).cause().hasMessageContaining("append-only");
        assertThat(inRetentionTransaction("UPDATE messages SET body = NULL, media = NULL, content_variables = NULL, "
                + "redacted_at = now() WHERE id = " + id)).isEqualTo(1);
    }

    private int inRetentionTransaction(String sql) {
        return harness.database.inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("""
                        WITH entry AS (INSERT INTO access_audit (at, actor_kind, actor_id, action)
                                       VALUES (now(), 'system', 'test', 'retention') RETURNING id)
                        SELECT set_config('clubreg.audit_entry', id::text, true) FROM entry""");
                return statement.executeUpdate(sql);
            }
        });
    }

    /** The daily run (POST /admin/run/daily) this long after the start; its retention step's counts. */
    private JsonNode retentionAfter(Duration later) {
        clock.set(start.plus(later));
        HttpResponse response = MessagingHarness.call(system, "POST", "/admin/run/daily", null);
        assertThat(response.status()).isEqualTo(200);
        JsonNode report = Json.read(response.body());
        assertThat(report.path("failed")).isEmpty();
        return report.path("retention");
    }

    private void invite(String child, String parentTel, String season) {
        HttpResponse response = MessagingHarness.call(system, "POST", "/trigger", """
                {"player_first_name": "%s", "player_last_name": "Okafor", "parent_tel": "%s",
                 "team_name": "U11 Panthers", "current_registration_season": "%s"}"""
                .formatted(child, parentTel, season));
        assertThat(response.status()).isIn(200, 201);
    }
}
