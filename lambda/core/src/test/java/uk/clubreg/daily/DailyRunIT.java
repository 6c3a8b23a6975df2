package uk.clubreg.daily;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.http.HttpRequest;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.json.Json;
import uk.clubreg.messaging.MessagingHarness;
import uk.clubreg.testsupport.TestClock;

/**
 * The daily run through the whole system (guided mode, jobs inline, the Twilio stub) over two weeks on a test
 * clock: invited on Monday 2 November 2026 at 10:00, club time, the summary day; Mia's parent asks for a person at
 * once. Escalation after a day, the first reminder after three and the next three days later, the next Monday's
 * summary, re-runs that add nothing, and a new CURRENT_SEASON archiving the old conversations.
 */
class DailyRunIT {

    private static final String REMINDER_SID = "HX66666666666666666666666666666666";
    private static final String NOTICE_SID = "HX88888888888888888888888888888888";
    private static final String ALEX = "+447700900701";
    private static final String MIAS_PARENT = "+447700900702";
    private static final String MANAGER = "+447700900751";
    private static final String ADMIN = "+447700900761";
    private static final LocalDateTime MONDAY = LocalDateTime.of(2026, 11, 2, 10, 0);

    private final MessagingHarness harness = new MessagingHarness();
    private final TestClock clock = TestClock.atLondon(MONDAY);

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void eachDayDoesWhatIsDueOnceAndANewSeasonArchivesTheOldConversations() {
        RegistrationSystem system = system("2026-27");
        invite(system, "Sam", ALEX);
        invite(system, "Mia", MIAS_PARENT);
        harness.parentSays(system, MIAS_PARENT, "manager");

        JsonNode monday = runOn(system, MONDAY);
        JsonNode tuesday = runOn(system, MONDAY.plusDays(1).plusHours(1));
        JsonNode thursday = runOn(system, MONDAY.plusDays(3));
        JsonNode thursdayAgain = runOn(system, MONDAY.plusDays(3).plusHours(4));
        JsonNode nextMonday = runOn(system, MONDAY.plusDays(7));
        JsonNode newSeason = runOn(system("2027-28"), MONDAY.plusDays(8));

        assertThat(monday.path("ok").asBoolean()).isTrue();
        assertThat(monday.path("day").asText()).isEqualTo("2026-11-02");
        assertThat(counts(monday)).containsExactly(0, 0, 0, 1);
        assertThat(counts(tuesday)).containsExactly(0, 1, 0, 0);
        assertThat(counts(thursday)).containsExactly(0, 0, 1, 0);
        assertThat(thursday.path("chasers").path("skipped").path("waiting_for_person").asInt()).isEqualTo(1);
        assertThat(counts(thursdayAgain)).containsExactly(0, 0, 0, 0);
        assertThat(thursdayAgain.path("chasers").path("skipped").path("reminded_today").asInt()).isEqualTo(1);
        assertThat(counts(nextMonday)).containsExactly(0, 0, 1, 1);
        assertThat(counts(newSeason)).containsExactly(2, 0, 0, 0);
        assertThat(newSeason.path("chasers").path("considered").asInt()).isZero();
        assertThat(newSeason.path("failed")).isEmpty();
        assertThat(harness.sentTo(ALEX).stream().filter(form -> REMINDER_SID.equals(form.get("ContentSid"))))
                .hasSize(2);
        assertThat(harness.sentTo(ADMIN)).singleElement().satisfies(form ->
                assertThat(form).containsEntry("ContentSid", NOTICE_SID));
        assertThat(harness.sentTo(MANAGER).stream().map(form -> Json.read(form.get("ContentVariables"))
                .path("3").asText()).filter(text -> text.startsWith("Weekly registration summary"))).hasSize(2);
    }

    @Test
    void theRunNeedsTheApiKey() {
        assertThat(system("2026-27").router().dispatch(new HttpRequest("POST", "/admin/run/daily", Map.of(),
                Map.of(), "", "r")).status()).isEqualTo(401);
    }

    /** archived, escalated, reminders sent, summaries queued. */
    private static List<Integer> counts(JsonNode run) {
        return List.of(run.path("seasons").path("archived").asInt(), run.path("hand_offs").path("escalated").asInt(),
                run.path("chasers").path("sent").asInt(), run.path("weekly_summaries").path("queued").asInt());
    }

    private RegistrationSystem system(String currentSeason) {
        Map<String, String> settings = new HashMap<>();
        settings.put("TWILIO_REMINDER_CONTENT_SID", REMINDER_SID);
        settings.put("TWILIO_MANAGER_NOTICE_CONTENT_SID", NOTICE_SID);
        settings.put("CLUB_ADMIN_TELS", ADMIN);
        settings.put("CURRENT_SEASON", currentSeason);
        return harness.system(clock, settings);
    }

    private JsonNode runOn(RegistrationSystem system, LocalDateTime londonTime) {
        clock.setLondon(londonTime);
        HttpResponse response = MessagingHarness.call(system, "POST", "/admin/run/daily", null);
        assertThat(response.status()).isEqualTo(200);
        return Json.read(response.body());
    }

    private void invite(RegistrationSystem system, String child, String phone) {
        HttpResponse response = MessagingHarness.call(system, "POST", "/trigger", """
                {"player_first_name": "%s", "player_last_name": "Taylor", "parent_tel": "%s",
                 "parent_first_name": "Alex", "team_name": "U11 Panthers", "age_group": "U11",
                 "team_manager_1_full_name": "Jo Manager", "team_manager_1_tel": "07700 900751",
                 "current_registration_season": "2026-27"}""".formatted(child, phone));
        assertThat(response.status()).isEqualTo(201);
    }
}
