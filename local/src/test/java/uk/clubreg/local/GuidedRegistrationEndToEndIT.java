package uk.clubreg.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole product with no keys at all, as a club would first try it: a manager invites over HTTP, the invitation
 * template goes out through the real twilio-java client to the simulator's fake Twilio API, the parent answers on
 * the simulator (signed Twilio posts to /webhook), and every answer travels through the outbox, the FIFO queue,
 * the worker and the guided conversation, until the registration is complete.
 */
class GuidedRegistrationEndToEndIT {

    private static final String PHONE = "+447700900555";

    private static LocalStack stack;
    private static StackClient client;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(Map.of("PORT", "0", "DAILY_RUN_AT", "none",
                "LOCAL_DATA_DIR", Files.createTempDirectory("e2e").toString()));
        client = new StackClient(stack);
    }

    @AfterAll
    static void stop() {
        client.close();
        stack.close();
    }

    @Test
    void aParentCompletesARegistrationOnWhatsAppWithNoAiAtAll() throws Exception {
        HttpResponse<String> invited = client.trigger("""
                {"player_first_name": "Sam", "player_last_name": "Taylor", "parent_tel": "07700 900555",
                 "parent_first_name": "Alex", "team_name": "U11 Panthers", "age_group": "U11",
                 "team_manager_1_full_name": "Jo Manager", "current_registration_season": "2026-27"}""");
        assertThat(invited.statusCode()).isEqualTo(201);

        JsonNode invitation = client.awaitOutbound(PHONE, 1).getLast();
        assertThat(invitation.path("content_sid").asText()).isEqualTo(SimulatedTwilio.INVITE_CONTENT_SID);
        assertThat(invitation.path("body").asText()).contains("Alex", "Sam", "U11 Panthers", "2026-27", "Jo Manager");

        String[][] dialogue = {
                {"Yes", "play for"},                 // register Sam? -> returning player?
                {"No", "date of birth"},             // not returning -> details
                {"14/03/2016", "medical"},
                {"none", "emergency"},
                {"Jo Taylor", "phone number"},
                {"07700 900556", "photos"},
                {"Yes", "kit size"},
                {"3", "complete"},
        };
        client.converse(PHONE, dialogue);

        JsonNode player = client.registrations("U11 Panthers", "2026-27").path("players").get(0);
        assertThat(player.path("status").asText()).isEqualTo("completed");
        assertThat(player.path("stage").asText()).isEqualTo("completed");
        assertThat(player.path("is_returning_player").asBoolean(true)).isFalse();
        assertThat(player.path("missing_details")).isEmpty();
        assertThat(client.count("SELECT count(*) FROM messages WHERE direction = 'inbound' AND status = 'answered'"))
                .isEqualTo(dialogue.length);
        assertThat(client.count("SELECT count(*) FROM players WHERE date_of_birth = DATE '2016-03-14' AND photo_consent"))
                .isEqualTo(1);
        assertThat(client.openedDetails("date_of_birth = DATE '2016-03-14'")).singleElement()
                .satisfies(details -> assertThat(details).containsEntry("emergency_contact_tel", "+447700900556"));
    }
}
