package uk.clubreg.notices;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.app.RegistrationSystem;
import uk.clubreg.http.HttpResponse;
import uk.clubreg.jobs.Job;
import uk.clubreg.json.Json;
import uk.clubreg.messaging.MessagingHarness;
import uk.clubreg.testsupport.Repositories;
import uk.clubreg.testsupport.TestClock;

/** Completion notices and the weekly summary, on a test clock; managers outside their window get the template. */
class ManagerNoticesIT {

    private static final String NOTICE_SID = "HX88888888888888888888888888888888";
    private static final String MANAGER = "+447700900651";
    private static final LocalDateTime MONDAY = LocalDateTime.of(2026, 11, 2, 10, 0);

    private final MessagingHarness harness = new MessagingHarness();
    private final TestClock clock = TestClock.atLondon(MONDAY);

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void theManagerIsToldWhenAPlayerCompletesIfTheClubAskedForIt() {
        RegistrationSystem system = system(Map.of("NOTIFY_MANAGER_ON_COMPLETE", "true"));
        invite(system, "Sam", "+447700900501");
        everyDetailGiven("Sam");

        harness.parentSays(system, "+447700900501", "Is that everything?");

        assertThat(harness.sentTo(MANAGER)).singleElement().satisfies(form -> {
            assertThat(form).containsEntry("ContentSid", NOTICE_SID);
            assertThat(Json.read(form.get("ContentVariables")).path("3").asText())
                    .isEqualTo("Sam Taylor's registration for U11 Panthers, 2026-27, is complete. It was done by "
                            + "Alex Taylor.");
        });
    }

    @Test
    void byDefaultTheManagerIsNotToldOfEachCompletion() {
        RegistrationSystem system = system(Map.of());
        invite(system, "Sam", "+447700900501");
        everyDetailGiven("Sam");

        harness.parentSays(system, "+447700900501", "Is that everything?");

        assertThat(harness.count("SELECT count(*) FROM players WHERE registration_status = 'completed'")).isEqualTo(1);
        assertThat(harness.sentTo(MANAGER)).isEmpty();
    }

    @Test
    void onTheSummaryDayEachTeamsManagersGetItsCountsAndWhoNeedsAPhoneCallOnce() {
        RegistrationSystem system = system(Map.of());
        invite(system, "Sam", "+447700900501");
        invite(system, "Ava", "+447700900502");
        invite(system, "Leo", "+447700900503");
        invite(system, "Mia", "+447700900504");
        everyDetailGiven("Sam");
        harness.parentSays(system, "+447700900501", "Is that everything?");
        harness.execute("UPDATE parents SET unreachable_at = now() WHERE phone_e164 = '+447700900502'");
        harness.execute("UPDATE parents SET opted_out_at = now() WHERE phone_e164 = '+447700900503'");
        harness.parentSays(system, "+447700900504", "manager");
        int handOffNotice = harness.sentTo(MANAGER).size();
        ManagerNotices notices = notices(DayOfWeek.MONDAY);

        int tuesday = onDay(notices, MONDAY.plusDays(1));
        int monday = onDay(notices, MONDAY.plusDays(7));
        int mondayAgain = onDay(notices, MONDAY.plusDays(7).plusHours(3));

        assertThat(tuesday).isZero();
        assertThat(monday).isEqualTo(1);
        assertThat(mondayAgain).isZero();
        assertThat(harness.sentTo(MANAGER)).hasSize(handOffNotice + 1);
        assertThat(Json.read(harness.sentTo(MANAGER).getLast().get("ContentVariables")).path("3").asText())
                .isEqualTo("Weekly registration summary for U11 Panthers, 2026-27: 4 players. Completed: 1. Under way: "
                        + "0. Not answered yet: 3. Declined: 0. / Please phone: / - Alex Taylor (+447700900502) about "
                        + "Ava: not reachable on WhatsApp. / - Alex Taylor (+447700900503) about Leo: opted out of "
                        + "WhatsApp messages. / - Alex Taylor (+447700900504) about Mia: asked for a person on Mon 2 "
                        + "Nov.");
    }

    private int onDay(ManagerNotices notices, LocalDateTime londonTime) {
        clock.setLondon(londonTime);
        return notices.queueWeeklySummaries();
    }

    private RegistrationSystem system(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(overrides);
        settings.put("TWILIO_MANAGER_NOTICE_CONTENT_SID", NOTICE_SID);
        return harness.system(clock, settings);
    }

    /** The notices as the daily run uses them, over the same database; the summaries are sent at once. */
    private ManagerNotices notices(DayOfWeek summaryDay) {
        Repositories repositories = harness.repositories;
        AtomicReference<ManagerNotices> notices = new AtomicReference<>();
        notices.set(new ManagerNotices(harness.database, repositories.players(), repositories.conversations(),
                repositories.parents(), repositories.outbox(), repositories.relay(job -> notices.get().summaryJob()
                        .handle((Job.TeamSummary) job)),
                harness.messaging(harness.config(Map.of("TWILIO_MANAGER_NOTICE_CONTENT_SID", NOTICE_SID)))
                        .staffNotices(), summaryDay, "2026-27", ZoneId.of("Europe/London"), clock));
        return notices.get();
    }

    private void invite(RegistrationSystem system, String child, String phone) {
        HttpResponse response = MessagingHarness.call(system, "POST", "/trigger", """
                {"player_first_name": "%s", "player_last_name": "Taylor", "parent_tel": "%s",
                 "parent_first_name": "Alex", "parent_last_name": "Taylor", "team_name": "U11 Panthers",
                 "age_group": "U11", "team_manager_1_full_name": "Jo Manager", "team_manager_1_tel": "07700 900651",
                 "current_registration_season": "2026-27"}""".formatted(child, phone));
        assertThat(response.status()).isEqualTo(201);
    }

    private void everyDetailGiven(String child) {
        harness.execute("""
                UPDATE players SET registration_status = 'confirmed', stage = 'info_collection',
                    is_returning_player = false, date_of_birth = '2016-03-14', medical_notes = 'None',
                    emergency_contact_name = 'Jo Taylor', emergency_contact_tel = '+447700900599',
                    photo_consent = true, kit_size = 'M'
                WHERE first_name = ?""", child);
    }
}
