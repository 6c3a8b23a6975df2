package uk.clubreg.chasers;

import static org.assertj.core.api.Assertions.assertThat;

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
import uk.clubreg.testsupport.TestClock;

/**
 * The reminders through the whole system (guided mode, jobs inline, the Twilio stub), over days that pass on a test
 * clock: invited on Monday 2 November 2026 at 10:00, club time; defaults of 3 days, every 3 days, at most 3,
 * quiet 20:00-09:00.
 */
class ChasersIT {

    private static final String REMINDER_SID = "HX66666666666666666666666666666666";
    private static final String ALEX = "+447700900301";
    private static final LocalDateTime INVITED = LocalDateTime.of(2026, 11, 2, 10, 0);

    private final MessagingHarness harness = new MessagingHarness();
    private final TestClock clock = TestClock.atLondon(INVITED);
    private RegistrationSystem system;

    @BeforeEach
    void start() {
        system = harness.system(clock, Map.of("TWILIO_REMINDER_CONTENT_SID", REMINDER_SID));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void theFirstReminderGoesAfterThreeDaysByTemplateThenEveryThreeDaysAtMostThreeTimes() {
        invite("Sam", ALEX);

        assertThat(runOn(INVITED.plusDays(2)).path("skipped").path("not_due").asInt()).isEqualTo(1);
        JsonNode first = runOn(INVITED.plusDays(3));
        JsonNode sameDay = runOn(INVITED.plusDays(3).plusHours(4));
        JsonNode tooSoon = runOn(INVITED.plusDays(5));
        runOn(INVITED.plusDays(6));
        runOn(INVITED.plusDays(9));
        JsonNode afterTheMaximum = runOn(INVITED.plusDays(12));

        assertThat(first.path("sent").asInt()).isEqualTo(1);
        assertThat(first.path("considered").asInt()).isEqualTo(1);
        assertThat(sameDay.path("sent").asInt()).isZero();
        assertThat(sameDay.path("skipped").path("reminded_today").asInt()).isEqualTo(1);
        assertThat(tooSoon.path("skipped").path("not_due").asInt()).isEqualTo(1);
        assertThat(afterTheMaximum.path("sent").asInt()).isZero();
        assertThat(afterTheMaximum.path("skipped").path("max_reached").asInt()).isEqualTo(1);
        List<Map<String, String>> reminders = reminders(ALEX);
        assertThat(reminders).hasSize(3);
        assertThat(Json.read(reminders.getFirst().get("ContentVariables"))).isEqualTo(Json.read("""
                {"1": "Alex", "2": "Sam", "3": "2026-27", "4": "Urmston Town Juniors FC"}"""));
        JsonNode registrations = MessagingHarness.registrations(system, "U11 Panthers");
        assertThat(registrations.path("summary").path("reminders_sent").asInt()).isEqualTo(3);
        assertThat(registrations.path("players").get(0).path("reminders").path("sent").asInt()).isEqualTo(3);
        assertThat(registrations.path("players").get(0).path("reminders").path("last_sent_at").asText())
                .isEqualTo("2026-11-11T10:00:00Z");
    }

    @Test
    void nothingIsSentInQuietHoursAndTheNextRunOutsideThemSendsIt() {
        invite("Sam", ALEX);

        JsonNode evening = runOn(INVITED.plusDays(3).withHour(21));
        JsonNode earlyMorning = runOn(INVITED.plusDays(4).withHour(8).withMinute(59));
        JsonNode morning = runOn(INVITED.plusDays(4).withHour(9));

        assertThat(evening.path("sent").asInt()).isZero();
        assertThat(evening.path("skipped").path("quiet_hours").asInt()).isEqualTo(1);
        assertThat(earlyMorning.path("skipped").path("quiet_hours").asInt()).isEqualTo(1);
        assertThat(morning.path("sent").asInt()).isEqualTo(1);
        assertThat(reminders(ALEX)).hasSize(1);
    }

    @Test
    void siblingsAreNamedInOneMessageToTheirParent() {
        invite("Sam", ALEX);
        invite("Ria", ALEX);

        JsonNode run = runOn(INVITED.plusDays(3));

        assertThat(run.path("sent").asInt()).isEqualTo(1);
        assertThat(run.path("players_reminded").asInt()).isEqualTo(2);
        assertThat(reminders(ALEX)).singleElement().satisfies(form ->
                assertThat(Json.read(form.get("ContentVariables")).path("2").asText()).isEqualTo("Sam and Ria"));
    }

    @Test
    void parentsWhoOptedOutAreUnreachableOrWaitingForAPersonAreNotReminded() {
        invite("Sam", ALEX);
        invite("Ava", "+447700900302");
        invite("Leo", "+447700900303");
        invite("Mia", "+447700900304");
        harness.execute("UPDATE parents SET opted_out_at = now() WHERE phone_e164 = '+447700900302'");
        harness.execute("UPDATE parents SET unreachable_at = now() WHERE phone_e164 = '+447700900303'");
        harness.execute("""
                UPDATE conversations SET human_help_requested_at = now(), human_help_reason = 'test'
                WHERE parent_id = (SELECT id FROM parents WHERE phone_e164 = '+447700900304')""");

        JsonNode run = runOn(INVITED.plusDays(3));

        assertThat(run.path("sent").asInt()).isEqualTo(1);
        assertThat(run.path("skipped").path("opted_out").asInt()).isEqualTo(1);
        assertThat(run.path("skipped").path("unreachable").asInt()).isEqualTo(1);
        assertThat(run.path("skipped").path("waiting_for_person").asInt()).isEqualTo(1);
    }

    @Test
    void declinedAndCompletedRegistrationsAreNotConsidered() {
        invite("Sam", ALEX);
        invite("Ria", ALEX);
        harness.execute("UPDATE players SET registration_status = 'declined', stage = 'declined' WHERE first_name = 'Sam'");
        harness.execute("UPDATE players SET registration_status = 'completed', stage = 'completed' WHERE first_name = 'Ria'");

        assertThat(runOn(INVITED.plusDays(3)).path("considered").asInt()).isZero();
    }

    @Test
    void theCountdownStartsAgainWhenTheParentWritesAndAReminderInTheirWindowIsFreeForm() {
        system = harness.system(clock, Map.of("TWILIO_REMINDER_CONTENT_SID", REMINDER_SID, "CHASE_AFTER_DAYS", "1"));
        invite("Sam", ALEX);
        clock.setLondon(INVITED.plusDays(2));
        harness.parentSays(system, ALEX, "Yes");

        JsonNode sameDay = runOn(INVITED.plusDays(2).plusHours(2));
        JsonNode nextDay = runOn(INVITED.plusDays(3).withHour(9).withMinute(30));

        assertThat(sameDay.path("skipped").path("not_due").asInt()).isEqualTo(1);
        assertThat(nextDay.path("sent").asInt()).isEqualTo(1);
        assertThat(harness.sentTo(ALEX).getLast()).doesNotContainKey("ContentSid")
                .containsEntry("Body", "Hello Alex, just a reminder that Sam's registration for the 2026-27 season "
                        + "isn't finished yet. Reply to this message to carry on where you left off.");
    }

    @Test
    void chasingOnePlayerNowSkipsTheWaitButNotTheParentsChoicesAndOnlyOnceADay() {
        long sam = invite("Sam", ALEX);
        long ava = invite("Ava", "+447700900302");
        harness.execute("UPDATE parents SET opted_out_at = now() WHERE phone_e164 = '+447700900302'");
        clock.setLondon(INVITED.plusHours(1));

        HttpResponse now = chase(sam);
        HttpResponse again = chase(sam);

        assertThat(Json.read(now.body()).path("reminded").asBoolean()).isTrue();
        assertThat(Json.read(again.body()).path("skipped").asText()).isEqualTo("reminded_today");
        assertThat(Json.read(chase(ava).body()).path("skipped").asText()).isEqualTo("opted_out");
        assertThat(reminders(ALEX)).hasSize(1);
        assertThat(chase(999_999).status()).isEqualTo(404);
        harness.execute("UPDATE players SET registration_status = 'completed', stage = 'completed' WHERE id = " + sam);
        assertThat(chase(sam).status()).isEqualTo(409);
    }

    @Test
    void theRunNeedsTheApiKey() {
        assertThat(system.router().dispatch(new HttpRequest("POST", "/admin/run/chasers", Map.of(),
                Map.of(), "", "r")).status()).isEqualTo(401);
    }

    private long invite(String child, String phone) {
        HttpResponse response = MessagingHarness.call(system, "POST", "/trigger", """
                {"player_first_name": "%s", "player_last_name": "Taylor", "parent_tel": "%s",
                 "parent_first_name": "Alex", "team_name": "U11 Panthers", "age_group": "U11",
                 "team_manager_1_full_name": "Jo Manager", "current_registration_season": "2026-27"}"""
                .formatted(child, phone));
        assertThat(response.status()).isEqualTo(201);
        return Json.read(response.body()).path("player_id").asLong();
    }

    private JsonNode runOn(LocalDateTime londonTime) {
        clock.setLondon(londonTime);
        HttpResponse response = MessagingHarness.call(system, "POST", "/admin/run/chasers", null);
        assertThat(response.status()).isEqualTo(200);
        return Json.read(response.body());
    }

    private HttpResponse chase(long playerId) {
        return MessagingHarness.call(system, "POST", "/admin/players/" + playerId + "/chase", null);
    }

    private List<Map<String, String>> reminders(String phone) {
        return harness.sentTo(phone).stream().filter(form -> REMINDER_SID.equals(form.get("ContentSid"))
                || (form.get("Body") != null && form.get("Body").contains("just a reminder"))).toList();
    }
}
