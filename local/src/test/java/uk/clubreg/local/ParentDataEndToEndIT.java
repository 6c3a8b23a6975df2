package uk.clubreg.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.clubreg.json.Json;
import uk.clubreg.testsupport.EveryTable;

/**
 * A parent's export and erasure on the local stack, over HTTP as the README shows them: after a guided registration
 * with health details, the export holds them, and after the erasure neither the database nor the simulator's fake
 * Twilio (whose message records the worker deletes) holds anything of the family.
 */
class ParentDataEndToEndIT {

    private static final String PHONE = "+447700900681";
    private static final List<String> FAMILY = List.of("Okafor", "Alexandra", "Samira", "Jolene", "inhaler",
            "7700900681", "7700900682", "900682");

    private static LocalStack stack;
    private static StackClient client;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(Map.of("PORT", "0", "DAILY_RUN_AT", "none",
                "LOCAL_DATA_DIR", Files.createTempDirectory("e2e-privacy").toString()));
        client = new StackClient(stack);
    }

    @AfterAll
    static void stop() {
        client.close();
        stack.close();
    }

    @Test
    void aParentsDataIsExportedThenErasedFromTheDatabaseAndTwilio() throws Exception {
        assertThat(client.trigger("""
                {"player_first_name": "Samira", "player_last_name": "Okafor", "parent_tel": "07700 900681",
                 "parent_first_name": "Alexandra", "team_name": "U11 Panthers", "current_registration_season": "2026-27"}
                """).statusCode()).isEqualTo(201);
        client.awaitOutbound(PHONE, 1);
        client.converse(PHONE, new String[][] {
                {"Yes", "play for"}, {"No", "date of birth"}, {"14/03/2016", "medical"},
                {"Asthma, uses an inhaler", "emergency"}, {"Jolene Okafor", "phone number"},
                {"07700 900682", "photos"}});

        HttpResponse<String> export = client.admin("GET", "/admin/parents/07700900681/export");
        HttpResponse<String> erasure = client.admin("DELETE", "/admin/parents/%2B447700900681");

        assertThat(export.statusCode()).isEqualTo(200);
        JsonNode held = Json.read(export.body());
        assertThat(held.path("players").get(0).path("medical_notes").asText()).containsIgnoringCase("inhaler");
        assertThat(held.path("players").get(0).path("emergency_contact_tel").asText()).isEqualTo("+447700900682");
        assertThat(held.path("messages").size()).isGreaterThan(10);
        assertThat(erasure.statusCode()).isEqualTo(200);
        JsonNode erased = Json.read(erasure.body());
        assertThat(erased.path("erased").asBoolean()).isTrue();
        assertThat(erased.path("processor_deletions_queued").path("twilio_messages").asInt())
                .isEqualTo(held.path("messages").size());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!client.messages(PHONE).isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(client.messages(PHONE)).as("the simulator's Twilio records").isEmpty();
        for (String needle : FAMILY) {
            assertThat(EveryTable.rowsContaining(client.database(), needle)).as(needle).isEmpty();
        }
        assertThat(client.admin("GET", "/admin/parents/07700900681/export").statusCode()).isEqualTo(404);
    }
}
