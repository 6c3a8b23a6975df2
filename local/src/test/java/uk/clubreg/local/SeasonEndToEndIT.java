package uk.clubreg.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import uk.clubreg.json.Json;
import uk.clubreg.testsupport.TestClock;

/**
 * A season on the local stack, guided mode, with a clock the test moves (no waiting for days): the invitation goes
 * unanswered, the reminder goes by template, the parent answers, asks for help, the manager is told by template, a
 * release lets the assistant answer what the parent wrote meanwhile, and the registration completes; next season
 * the same child is registered in one tap plus the medical and consent questions.
 */
class SeasonEndToEndIT {

    private static final String ALEX = "+447700900571";
    private static final String BO = "+447700900581";
    private static final String MANAGER = "+447700900602";
    private static final LocalDateTime MONDAY = LocalDateTime.of(2026, 11, 2, 10, 0);

    private static final TestClock CLOCK = TestClock.atLondon(MONDAY);
    private static LocalStack stack;
    private static StackClient client;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(Map.of("PORT", "0", "DAILY_RUN_AT", "none",
                "LOCAL_DATA_DIR", Files.createTempDirectory("e2e-season").toString()), CLOCK);
        client = new StackClient(stack);
    }

    @AfterAll
    static void stop() {
        client.close();
        stack.close();
    }

    @Test
    void anUnansweredInvitationIsChasedAndAHandOffComesBackToTheAssistant() throws Exception {
        CLOCK.setLondon(MONDAY);
        assertThat(client.trigger(invitation("Sam", "07700 900571", "2026-27", "U11 Panthers")).statusCode())
                .isEqualTo(201);
        assertThat(client.awaitOutbound(ALEX, 1).getLast().path("content_sid").asText())
                .isEqualTo(SimulatedTwilio.INVITE_CONTENT_SID);

        CLOCK.setLondon(MONDAY.plusDays(3));
        JsonNode run = Json.read(client.admin("/admin/run/chasers").body());
        JsonNode reminder = client.awaitOutbound(ALEX, 2).getLast();
        JsonNode sameDay = Json.read(client.admin("/admin/run/chasers").body());

        assertThat(run.path("sent").asInt()).isEqualTo(1);
        assertThat(reminder.path("content_sid").asText()).isEqualTo(SimulatedTwilio.REMINDER_CONTENT_SID);
        assertThat(reminder.path("body").asText()).isEqualTo("Hello Alex, just a reminder that the 2026-27 "
                + "registration for Sam with Urmston Town Juniors FC isn't finished yet. Reply to this message to carry "
                + "on where you left off.");
        assertThat(sameDay.path("sent").asInt()).isZero();

        client.converse(ALEX, new String[][] {{"Yes", "play for"}, {"help", "Would you like the team manager"},
                {"Yes", "asked the team manager"}});
        JsonNode notice = client.awaitOutbound(MANAGER, 1).getLast();
        assertThat(notice.path("content_sid").asText()).isEqualTo(SimulatedTwilio.MANAGER_NOTICE_CONTENT_SID);
        assertThat(notice.path("body").asText()).startsWith("Hello Jo Manager, a message from Urmston Town Juniors FC "
                + "registrations: Alex Taylor (" + ALEX + ") asked for a person about Sam Taylor (U11 Panthers).");

        int before = client.outbound(ALEX).size();
        client.parentSays(ALEX, "No");
        client.awaitCount("SELECT count(*) FROM messages WHERE status = 'held'", 1);
        JsonNode waiting = client.registrations("U11 Panthers", "2026-27").path("players").get(0);
        assertThat(waiting.path("hand_off").path("reason").asText()).isEqualTo("The parent asked to speak to a person");
        assertThat(client.outbound(ALEX)).hasSize(before);

        HttpResponse<String> release = client.admin("/admin/conversations/" + waiting.path("conversation_id").asLong()
                + "/release");
        assertThat(release.statusCode()).isEqualTo(200);
        assertThat(client.awaitOutbound(ALEX, before + 1).getLast().path("body").asText()).contains("date of birth");

        client.converse(ALEX, new String[][] {{"14/03/2016", "medical"}, {"none", "emergency"},
                {"Jo Taylor", "phone number"}, {"07700 900556", "photos"}, {"Yes", "kit size"}, {"3", "complete"}});
        JsonNode sam = client.registrations("U11 Panthers", "2026-27").path("players").get(0);
        assertThat(sam.path("status").asText()).isEqualTo("completed");
        assertThat(sam.path("reminders").path("sent").asInt()).isEqualTo(1);
        assertThat(sam.path("hand_off").isNull()).isTrue();

        int sentToAlex = client.outbound(ALEX).size();
        assertThat(client.trigger(invitation("Ria", "07700 900571", "2026-27", "U9 Lions")).statusCode())
                .isEqualTo(201);
        assertThat(client.awaitOutbound(ALEX, sentToAlex + 1).getLast().path("content_sid").asText())
                .as("a sibling gets the full invitation, though the parent has replied")
                .isEqualTo(SimulatedTwilio.INVITE_CONTENT_SID);
    }

    @Test
    void aReturningPlayersNextSeasonTakesOneTapPlusTheMedicalAndConsentQuestions() throws Exception {
        CLOCK.setLondon(MONDAY);
        client.trigger(invitation("Max", "07700 900581", "2026-27", "U11 Falcons"));
        client.awaitOutbound(BO, 1);
        client.converse(BO, new String[][] {{"Yes", "play for"}, {"No", "date of birth"}, {"14/03/2016", "medical"},
                {"asthma", "emergency"}, {"Jo Brown", "phone number"}, {"07700 900582", "photos"},
                {"Yes", "kit size"}, {"3", "complete"}});

        CLOCK.setLondon(MONDAY.plusMonths(10));
        assertThat(client.trigger(invitation("Max", "07700 900581", "2027-28", "U12 Falcons")).statusCode())
                .isEqualTo(201);
        List<JsonNode> sent = client.awaitOutbound(BO, 10);
        assertThat(sent.getLast().path("content_sid").asText()).isEqualTo(SimulatedTwilio.INVITE_CONTENT_SID);
        List<String> transcript = client.converse(BO, new String[][] {
                {"Yes", "Is this still right?"},
                {"Yes", "medical"},
                {"none", "photos"},
                {"No", "complete"}});

        assertThat(transcript.getFirst()).contains("Date of birth: 14/03/2016", "Emergency contact: Jo Brown, "
                + "+447700900582", "Kit size: 9-10");
        JsonNode max = client.registrations("U12 Falcons", "2027-28").path("players").get(0);
        assertThat(max.path("status").asText()).isEqualTo("completed");
        assertThat(max.path("is_returning_player").asBoolean()).isTrue();
        assertThat(client.count("SELECT count(*) FROM players WHERE first_name = 'Max' AND season = '2027-28'"
                + " AND date_of_birth = DATE '2016-03-14' AND kit_size = '9-10' AND NOT photo_consent")).isEqualTo(1);
        assertThat(client.openedDetails("first_name = 'Max' AND season = '2027-28'")).singleElement()
                .satisfies(details -> assertThat(details).containsEntry("emergency_contact_tel", "+447700900582")
                        .containsEntry("medical_notes", "None"));
        assertThat(client.count("SELECT count(*) FROM conversations c JOIN parents p ON p.id = c.parent_id"
                + " WHERE p.phone_e164 = '" + BO + "' AND c.state = 'archived' AND c.season = '2026-27'")).isEqualTo(1);
    }

    private static String invitation(String child, String tel, String season, String team) {
        return """
                {"player_first_name": "%s", "player_last_name": "%s", "parent_tel": "%s",
                 "parent_first_name": "%s", "parent_last_name": "%s", "team_name": "%s", "age_group": "%s",
                 "team_manager_1_full_name": "Jo Manager", "team_manager_1_tel": "07700 900602",
                 "current_registration_season": "%s", "membership_fee_amount": 40, "subscription_fee_amount": 26.5}"""
                .formatted(child, child.equals("Max") ? "Brown" : "Taylor", tel, child.equals("Max") ? "Bo" : "Alex",
                        child.equals("Max") ? "Brown" : "Taylor", team, team.substring(0, 3).trim(), season);
    }
}
