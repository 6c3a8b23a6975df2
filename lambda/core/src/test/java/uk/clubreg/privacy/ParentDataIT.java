package uk.clubreg.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.json.Json;
import uk.clubreg.messaging.MessagingHarness;
import uk.clubreg.persistence.DatabaseException;
import uk.clubreg.testsupport.EveryTable;
import uk.clubreg.testsupport.TestClock;

/**
 * A parent's export and erasure through the whole system (guided mode, jobs inline, the Twilio stub): a family
 * with two children who wrote in, gave health details and asked for a person (so their manager was sent a notice
 * quoting their number), beside another family who must be left alone.
 */
class ParentDataIT {

    private static final String ALEX = "+447700900651";
    private static final String BEA = "+447700900655";
    private static final String MANAGER = "+447700900659";
    /** What identifies Alex's family: names, numbers (as written and as stored), health details. */
    private static final List<String> ALEX_FAMILY = List.of("Okafor", "Alexandra", "Samira", "Rianne", "Jolene",
            "7700900651", "7700900652", "07700 900652", "inhaler");

    private final MessagingHarness harness = new MessagingHarness();
    private final TestClock clock = TestClock.atLondon(LocalDateTime.of(2026, 11, 2, 10, 0));
    private RegistrationSystem system;

    @BeforeEach
    void start() {
        harness.twilio.deletesMessageRecords();
        system = harness.system(clock, Map.of());
        invite("Samira", "Okafor", ALEX, "Alexandra");
        invite("Rianne", "Okafor", ALEX, "Alexandra");
        invite("Beatrix", "Lindqvist", BEA, "Bo");
        harness.parentSays(system, ALEX, "Samira uses an inhaler. In an emergency call Jolene Okafor on 07700 900652");
        harness.parentSays(system, ALEX, "help");
        harness.parentSays(system, ALEX, "Yes");
        harness.execute("""
                UPDATE players SET medical_notes = 'Asthma: blue inhaler', emergency_contact_name = 'Jolene Okafor',
                       emergency_contact_tel = '+447700900652', photo_consent = true WHERE first_name = 'Samira'""");
        // What the dialogue records: Samira's photo consent and the acknowledgement, each with Alex's message.
        harness.execute("""
                INSERT INTO consents (player_id, kind, given, wording_version, message_id)
                SELECT p.id, k.kind, true, '2026-1', (SELECT min(id) FROM messages WHERE direction = 'inbound'
                                                        AND phone_e164 = '+447700900651')
                  FROM players p, (VALUES ('photo'), ('data_processing')) AS k (kind) WHERE p.first_name = 'Samira'""");
        MessagingHarness.registrations(system, "U11 Panthers");
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void theExportHoldsTheParentTheChildrensDetailsConsentsMessagesAndAuditEntries() {
        harness.execute("UPDATE parents SET language = 'pl' WHERE phone_e164 = ?", ALEX);

        HttpResponse response = MessagingHarness.call(system, "GET", "/admin/parents/07700900651/export", null);

        assertThat(response.status()).isEqualTo(200);
        JsonNode export = Json.read(response.body());
        assertThat(export.path("parent").path("phone_e164").asText()).isEqualTo(ALEX);
        assertThat(export.path("parent").path("language").asText()).isEqualTo("pl");
        assertThat(export.path("players").findValuesAsText("first_name")).containsExactly("Samira", "Rianne");
        assertThat(export.path("players").get(0).path("medical_notes").asText()).isEqualTo("Asthma: blue inhaler");
        assertThat(export.path("consents")).hasSize(2).allSatisfy(consent -> {
            assertThat(consent.path("player_id").asLong()).isEqualTo(export.path("players").get(0).path("id").asLong());
            assertThat(consent.path("wording_version").asText()).isEqualTo("2026-1");
            assertThat(consent.path("message_id").asLong()).isEqualTo(harness.count(
                    "SELECT min(id) FROM messages WHERE direction = 'inbound' AND phone_e164 = ?", ALEX));
            assertThat(consent.path("recorded_at").isTextual()).isTrue();
        });
        assertThat(export.path("consents").findValuesAsText("kind")).containsExactly("photo", "data_processing");
        assertThat(export.path("invitations")).hasSize(2);
        assertThat(export.path("conversations")).hasSize(1);
        assertThat(export.path("messages").findValuesAsText("body"))
                .anySatisfy(body -> assertThat(body).contains("inhaler"))
                .anySatisfy(body -> assertThat(body).contains(ALEX).contains("asked for a person"));
        assertThat(export.path("messages").findValuesAsText("phone_e164")).contains(MANAGER).doesNotContain(BEA);
        assertThat(export.path("audit").findValuesAsText("action")).containsExactly("read_team", "export");
    }

    @Test
    void anErasureLeavesNoTraceOfTheFamilyInAnyTableNorAtTwilioAndTheOtherFamilyIsUntouched() {
        List<String> alexSids = harness.database.withConnection(connection -> {
            try (Statement select = connection.createStatement(); var rows = select.executeQuery("""
                    SELECT twilio_sid FROM messages WHERE twilio_sid IS NOT NULL AND (phone_e164 = '%s'
                        OR body LIKE '%%%s%%')""".formatted(ALEX, ALEX))) {
                List<String> sids = new ArrayList<>();
                while (rows.next()) {
                    sids.add(rows.getString(1));
                }
                return sids;
            }
        });
        // Alex once asked the managers' console for a sign-in code.
        harness.execute("INSERT INTO console_sign_in_events (kind, phone_e164, source_ip) VALUES ('code_requested', ?, "
                + "'192.0.2.1')", ALEX);
        ALEX_FAMILY.forEach(needle -> assertThat(EveryTable.rowsContaining(harness.database, needle)).as(needle).isNotEmpty());

        HttpResponse response = MessagingHarness.call(system, "DELETE", "/admin/parents/%2B447700900651", null);

        assertThat(response.status()).isEqualTo(200);
        JsonNode erased = Json.read(response.body());
        assertThat(erased.path("erased").asBoolean()).isTrue();
        assertThat(erased.path("removed").path("parents").asInt()).isEqualTo(1);
        assertThat(erased.path("removed").path("players").asInt()).isEqualTo(2);
        assertThat(erased.path("removed").path("invitations").asInt()).isEqualTo(2);
        assertThat(erased.path("removed").path("consents").asInt()).isEqualTo(2);
        assertThat(erased.path("removed").path("conversations").asInt()).isEqualTo(1);
        assertThat(erased.path("removed").path("console_sign_in_events").asInt()).isEqualTo(1);
        assertThat(erased.path("removed").path("messages").asInt()).isGreaterThanOrEqualTo(alexSids.size());
        assertThat(erased.path("processor_deletions_queued").path("twilio_messages").asInt())
                .isEqualTo(alexSids.size());
        assertThat(erased.path("processor_deletions_queued").path("openai_conversations").asInt()).isZero();
        for (String needle : ALEX_FAMILY) {
            assertThat(EveryTable.rowsContaining(harness.database, needle)).as(needle).isEmpty();
        }
        assertThat(harness.twilio.deletedSids()).containsExactlyInAnyOrderElementsOf(alexSids);
        assertThat(harness.twilio.heldSends()).isNotEmpty().allSatisfy(form -> ALEX_FAMILY.forEach(needle ->
                assertThat(form.toString()).doesNotContainIgnoringCase(needle)));
        assertThat(EveryTable.rowsContaining(harness.database, "Beatrix")).containsKeys("players", "messages");
        assertThat(EveryTable.rowsContaining(harness.database, BEA)).containsKeys("parents", "messages");
    }

    @Test
    void aSecondErasureRemovesNothingAndBothAreAuditedWithoutPersonalData() {
        MessagingHarness.call(system, "DELETE", "/admin/parents/07700900651", null);
        int deletionsAfterFirst = harness.twilio.deletedSids().size();

        JsonNode again = Json.read(MessagingHarness.call(system, "DELETE", "/admin/parents/07700900651", null).body());

        assertThat(again.path("erased").asBoolean()).isFalse();
                again.path("removed").forEach(count -> assertThat(count.asInt()).isZero());
        assertThat(harness.twilio.deletedSids()).hasSize(deletionsAfterFirst);
        assertThat(MessagingHarness.call(system, "GET", "/admin/parents/07700900651/export", null).status())
                .isEqualTo(404);
        JsonNode erasures = Json.read(system.router().dispatch(new HttpRequest("GET", "/admin/audit",
                Map.of("x-api-key", MessagingHarness.API_KEY), Map.of("action", "erasure"), "", "r")).body());
        assertThat(erasures.path("entries")).hasSize(2);
        assertThat(erasures.path("entries").get(1).path("detail").path("players").asInt()).isEqualTo(2);
        assertThat(erasures.path("entries").get(0).path("parent_ids")).isEmpty();
    }

    @Test
    void aMessageIsDeletedOnlyInTheTransactionThatAuditsItsErasure() {
        MessagingHarness.call(system, "DELETE", "/admin/parents/07700900651", null);
        String earlierErasure = harness.queryString("SELECT max(id) FROM access_audit WHERE action = 'erasure'");

        assertThatThrownBy(() -> harness.execute("DELETE FROM messages WHERE phone_e164 = ?", BEA))
                .isInstanceOf(DatabaseException.class).cause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> harness.database.inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SELECT set_config('clubreg.audit_entry', '" + earlierErasure + "', true)");
                return statement.executeUpdate("DELETE FROM messages WHERE phone_e164 = '" + BEA + "'");
            }
        })).isInstanceOf(DatabaseException.class).cause().hasMessageContaining("append-only");
        assertThat(harness.count("SELECT count(*) FROM messages WHERE phone_e164 = ?", BEA)).isPositive();
    }

    @Test
    void everyTableIsEitherErasedOrHoldsNoPersonalData() {
        assertThat(EveryTable.names(harness.database)).containsExactlyInAnyOrderElementsOf(
                Stream.of(PersonalDataRepository.ERASED, PersonalDataRepository.ERASED_BY_NUMBER,
                        PersonalDataRepository.KEPT).flatMap(List::stream).toList());
    }

    @Test
    void aTelThatIsNotANumberIsRefused() {
        HttpResponse response = MessagingHarness.call(system, "DELETE", "/admin/parents/alex", null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(Json.read(response.body()).path("error").asText()).isEqualTo("invalid_tel");
    }

    private void invite(String child, String surname, String parentTel, String parentName) {
        HttpResponse response = MessagingHarness.call(system, "POST", "/trigger", """
                {"player_first_name": "%s", "player_last_name": "%s", "parent_tel": "%s",
                 "parent_first_name": "%s", "parent_last_name": "%s", "team_name": "U11 Panthers",
                 "team_manager_1_full_name": "Jo Manager", "team_manager_1_tel": "%s"}"""
                .formatted(child, surname, parentTel, parentName, surname, MANAGER));
        assertThat(response.status()).isEqualTo(201);
    }
}
