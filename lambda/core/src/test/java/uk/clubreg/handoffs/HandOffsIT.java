package uk.clubreg.handoffs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
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

/**
 * The hand-off loop through the whole system (guided mode, jobs inline, the Twilio stub): "help" is asked about,
 * the manager is told by template, the parent's messages wait, a release lets the assistant answer them, and a
 * hand-off nobody released for a day goes to the club admins, once.
 */
class HandOffsIT {

    private static final String NOTICE_SID = "HX77777777777777777777777777777777";
    private static final String ALEX = "+447700900401";
    private static final String MANAGER = "+447700900601";
    private static final String ADMIN = "+447700900611";
    private static final LocalDateTime START = LocalDateTime.of(2026, 11, 3, 10, 0);

    private final MessagingHarness harness = new MessagingHarness();
    private final TestClock clock = TestClock.atLondon(START);

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void aBareHelpIsAskedAboutAndYesTellsTheManagerByTemplate() {
        RegistrationSystem system = system(Map.of());
        invite(system, "07700 900601");

        harness.parentSays(system, ALEX, "help");
        String question = lastBodyTo(ALEX);
        harness.parentSays(system, ALEX, "Yes");

        assertThat(question).contains("Would you like the team manager to contact you?");
        assertThat(lastBodyTo(ALEX)).contains("asked the team manager to get in touch");
        assertThat(harness.sentTo(MANAGER)).singleElement().satisfies(form -> {
            assertThat(form).containsEntry("ContentSid", NOTICE_SID);
            JsonNode variables = Json.read(form.get("ContentVariables"));
            assertThat(variables.path("1").asText()).isEqualTo("Jo Manager");
            assertThat(variables.path("2").asText()).isEqualTo("Urmston Town Juniors FC");
            assertThat(variables.path("3").asText()).contains("Alex Taylor (" + ALEX + ") asked for a person about "
                    + "Sam Taylor (U11 Panthers)", "The parent asked to speak to a person");
        });
    }

    @Test
    void noToTheHelpQuestionCarriesOnWithTheRegistration() {
        RegistrationSystem system = system(Map.of());
        invite(system, "07700 900601");

        harness.parentSays(system, ALEX, "help");
        harness.parentSays(system, ALEX, "No");

        assertThat(lastBodyTo(ALEX)).contains("No problem, let's carry on.", "Would you like to register Sam");
        assertThat(harness.sentTo(MANAGER)).isEmpty();
    }

    @Test
    void aManagerWhoWroteInTheLastDayGetsTheNoticeAsText() {
        RegistrationSystem system = system(Map.of());
        invite(system, "07700 900601");
        harness.parentSays(system, MANAGER, "Hi, it's Jo");

        harness.parentSays(system, ALEX, "manager");

        assertThat(harness.sentTo(MANAGER).getLast()).doesNotContainKey("ContentSid")
                .hasEntrySatisfying("Body", body -> assertThat(body).contains("asked for a person about Sam Taylor"));
    }

    @Test
    void withNoManagerPhoneTheClubAdminsAreTold() {
        RegistrationSystem system = system(Map.of("CLUB_ADMIN_TELS", "07700 900611, not a number"));
        invite(system, null);

        harness.parentSays(system, ALEX, "manager");

        assertThat(harness.sentTo(ADMIN)).singleElement().satisfies(form ->
                assertThat(Json.read(form.get("ContentVariables")).path("1").asText()).isEqualTo("there"));
        assertThat(harness.count("SELECT count(*) FROM conversations WHERE human_help_requested_at IS NOT NULL"))
                .isEqualTo(1);
    }

    @Test
    void theHandOffShowsInRegistrationsAndAReleaseAnswersWhatTheParentWroteMeanwhile() {
        RegistrationSystem system = system(Map.of());
        invite(system, "07700 900601");
        harness.parentSays(system, ALEX, "speak to a person");
        clock.advance(Duration.ofHours(2));
        harness.parentSays(system, ALEX, "Yes please");
        int sentBeforeRelease = harness.sentTo(ALEX).size();
        JsonNode waiting = registrations(system).path("players").get(0);

        HttpResponse release = MessagingHarness.call(system, "POST", "/admin/conversations/"
                + waiting.path("conversation_id").asLong() + "/release", null);

        assertThat(waiting.path("hand_off").path("reason").asText()).isEqualTo("The parent asked to speak to a person");
        assertThat(waiting.path("hand_off").path("since").asText()).isEqualTo("2026-11-03T10:00:00Z");
        assertThat(release.status()).isEqualTo(200);
        assertThat(Json.read(release.body()).path("held_messages").asInt()).isEqualTo(1);
        assertThat(harness.sentTo(ALEX)).hasSize(sentBeforeRelease + 1);
        assertThat(lastBodyTo(ALEX)).contains("Did Sam play for");
        assertThat(registrations(system).path("players").get(0).path("hand_off").isNull()).isTrue();
        assertThat(MessagingHarness.call(system, "POST", "/admin/conversations/"
                + waiting.path("conversation_id").asLong() + "/release", null).status()).isEqualTo(409);
        assertThat(MessagingHarness.call(system, "POST", "/admin/conversations/424242/release", null).status())
                .isEqualTo(404);
        assertThat(MessagingHarness.call(system, "POST", "/admin/conversations/abc/release", null).status())
                .isEqualTo(404);
    }

    @Test
    void aHandOffNobodyReleasedForADayIsEscalatedToTheClubAdminsOnce() {
        Map<String, String> admins = Map.of("CLUB_ADMIN_TELS", "07700 900611");
        RegistrationSystem system = system(admins);
        invite(system, "07700 900601");
        harness.parentSays(system, ALEX, "manager");
        HandOffs handOffs = handOffs(admins);

        clock.advance(Duration.ofHours(23));
        int tooEarly = handOffs.escalateUnreleased();
        clock.advance(Duration.ofHours(2));
        int escalated = handOffs.escalateUnreleased();
        clock.advance(Duration.ofDays(1));
        int again = handOffs.escalateUnreleased();

        assertThat(List.of(tooEarly, escalated, again)).containsExactly(0, 1, 0);
        assertThat(harness.sentTo(ADMIN)).singleElement().satisfies(form ->
                assertThat(Json.read(form.get("ContentVariables")).path("3").asText())
                        .contains("Nobody has released conversation", "asked for a person on Tue 3 Nov at 10:00"));
        assertThat(registrations(system).path("players").get(0).path("hand_off").path("escalated_at").asText())
                .isEqualTo("2026-11-04T11:00:00Z");
    }

    private RegistrationSystem system(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(overrides);
        settings.put("TWILIO_MANAGER_NOTICE_CONTENT_SID", NOTICE_SID);
        return harness.system(clock, settings);
    }

    /** The hand-offs as the daily run uses them, over the same database; its notices are sent at once. */
    private HandOffs handOffs(Map<String, String> overrides) {
        Map<String, String> settings = new HashMap<>(overrides);
        settings.put("TWILIO_MANAGER_NOTICE_CONTENT_SID", NOTICE_SID);
        Repositories repositories = harness.repositories;
        AtomicReference<HandOffs> handOffs = new AtomicReference<>();
        handOffs.set(new HandOffs(harness.database, repositories.conversations(), repositories.players(),
                repositories.outbox(), repositories.relay(job -> handOffs.get().noticeJob()
                        .handle((Job.HandOffNotice) job)),
                harness.messaging(harness.config(settings)).staffNotices(), conversationId -> { },
                ZoneId.of("Europe/London"), clock));
        return handOffs.get();
    }

    private void invite(RegistrationSystem system, String managerTel) {
        HttpResponse response = MessagingHarness.call(system, "POST", "/trigger", """
                {"player_first_name": "Sam", "player_last_name": "Taylor", "parent_tel": "%s",
                 "parent_first_name": "Alex", "parent_last_name": "Taylor", "team_name": "U11 Panthers",
                 "age_group": "U11", "team_manager_1_full_name": "Jo Manager", "team_manager_1_tel": %s}"""
                .formatted(ALEX, managerTel == null ? "null" : "\"" + managerTel + "\""));
        assertThat(response.status()).isEqualTo(201);
    }

    private JsonNode registrations(RegistrationSystem system) {
        return MessagingHarness.registrations(system, "U11 Panthers");
    }

    private String lastBodyTo(String phone) {
        return harness.sentTo(phone).getLast().get("Body");
    }
}
