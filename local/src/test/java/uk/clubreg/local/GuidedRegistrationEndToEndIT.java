package uk.clubreg.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
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
        assertThat(client.count("SELECT count(*) FROM messages WHERE direction = 'inbound' AND status = 'answered'"
                + " AND phone_e164 = '" + PHONE + "'")).isEqualTo(dialogue.length);
        assertThat(client.count("SELECT count(*) FROM players WHERE date_of_birth = DATE '2016-03-14' AND photo_consent"))
                .isEqualTo(1);
        assertThat(client.openedDetails("date_of_birth = DATE '2016-03-14'")).singleElement()
                .satisfies(details -> assertThat(details).containsEntry("emergency_contact_tel", "+447700900556"));
    }

    /**
     * The README's walk-through: the invitation is in the club's default language (English); the parent's first
     * reply is in Polish, the worker's detector finds it, the switch is offered in Polish and accepted, and the
     * registration finishes in Polish with the details stored as they are for everyone.
     */
    @Test
    void aParentWhoWritesInPolishIsOfferedPolishAndRegistersInIt() throws Exception {
        String phone = "+447700900565";
        assertThat(client.trigger("""
                {"player_first_name": "Ola", "player_last_name": "Nowak", "parent_tel": "07700 900565",
                 "parent_first_name": "Anna", "team_name": "U9 Lions", "age_group": "U9",
                 "current_registration_season": "2026-27"}""").statusCode()).isEqualTo(201);
        client.awaitOutbound(phone, 1);

        String[][] dialogue = {
                {"Dzień dobry, chciałabym zapisać córkę do drużyny", "Wygląda na to, że piszesz po polsku"},
                {"Tak", "Czy chcesz zarejestrować dziecko (Ola) w drużynie U9 Lions na sezon 2026-27?"},
                {"tak", "w zeszłym sezonie"},
                {"nie", "datę urodzenia"},
                {"14/03/2018", "alergie"},
                {"brak", "w nagłym wypadku"},
                {"Jan Nowak", "numer telefonu"},
                {"07700 900566", "zdjęcia"},
                {"tak", "rozmiar stroju"},
                {"3", "Rejestracja zakończona: Ola, drużyna U9 Lions, sezon 2026-27"},
        };
        List<String> transcript = client.converse(phone, dialogue);

        assertThat(transcript.getFirst()).doesNotContain("Sorry"); // the offer is the whole answer, in Polish
        JsonNode player = client.registrations("U9 Lions", "2026-27").path("players").get(0);
        assertThat(player.path("status").asText()).isEqualTo("completed");
        assertThat(player.path("parent").path("language").asText()).isEqualTo("pl");
        assertThat(client.count("SELECT count(*) FROM players WHERE first_name = 'Ola' AND date_of_birth = "
                + "DATE '2018-03-14' AND photo_consent AND kit_size = '9-10'")).isEqualTo(1);
        assertThat(client.openedDetails("first_name = 'Ola'")).singleElement().satisfies(details -> assertThat(details)
                .containsEntry("medical_notes", "None").containsEntry("emergency_contact_tel", "+447700900566"));
    }
}
