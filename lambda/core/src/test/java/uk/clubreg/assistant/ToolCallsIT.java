package uk.clubreg.assistant;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.assistant.ConversationFixtures.Family;
import uk.clubreg.jobs.Job;
import uk.clubreg.persistence.Database;
import uk.clubreg.testsupport.TestPostgres;

class ToolCallsIT {

    private Database database;
    private ConversationFixtures fixtures;
    private RecordingReplies replies;
    private ToolCalls tools;
    private RegistrationActions actions;

    @BeforeEach
    void start() {
        database = TestPostgres.freshDatabase();
        fixtures = new ConversationFixtures(database);
        replies = new RecordingReplies(database);
        ResponderContext context = fixtures.context();
        tools = context.tools();
        actions = context.actions();
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void aConfirmedPlayerMovesOnToTheReturningPlayerQuestion() {
        Family family = fixtures.family("+447700900101", null, "Seb");

        ToolResult result = tools.call(family.conversationId(), List.of(0L), "update_registration_status",
                "{\"player_id\": \"" + family.playerId() + "\", \"status\": \"confirmed\", "
                        + "\"is_returning_player\": null}");

        assertThat(result.ok()).isTrue();
        assertThat(fixtures.player(family.playerId(), "registration_status")).isEqualTo("confirmed");
        assertThat(fixtures.player(family.playerId(), "stage")).isEqualTo("returning_player_check");
    }

    @Test
    void anotherFamilysPlayerIsRefusedAndLeftUntouched() {
        Family ours = fixtures.family("+447700900102", null, "Seb");
        Family theirs = fixtures.family("+447700900103", null, "Alex");

        ToolResult result = tools.call(ours.conversationId(), List.of(0L), "update_registration_status",
                "{\"player_id\": \"" + theirs.playerId() + "\", \"status\": \"declined\"}");

        assertThat(result.ok()).isFalse();
        assertThat(result.toJson()).contains("not one of this parent's players");
        assertThat(fixtures.player(theirs.playerId(), "registration_status")).isEqualTo("pending");
        assertThat(fixtures.player(theirs.playerId(), "stage")).isEqualTo("initial_contact");
    }

    @Test
    void anotherFamilysPlayerDetailsCannotBeWritten() {
        Family ours = fixtures.family("+447700900104", null, "Seb");
        Family theirs = fixtures.family("+447700900105", null, "Alex");

        ToolResult result = tools.call(ours.conversationId(), List.of(0L), "record_player_details",
                "{\"player_id\": " + theirs.playerId() + ", \"medical_notes\": \"None\"}");

        assertThat(result.ok()).isFalse();
        assertThat(fixtures.player(theirs.playerId(), "medical_notes")).isNull();
    }

    @Test
    void aRegistrationCannotBeCompletedWhileDetailsAreMissing() {
        Family family = fixtures.family("+447700900106", null, "Seb");

        ToolResult result = tools.call(family.conversationId(), List.of(0L), "update_registration_status",
                "{\"player_id\": \"" + family.playerId() + "\", \"status\": \"completed\", \"is_returning_player\": true}");

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("date_of_birth", "kit_size");
        assertThat(fixtures.player(family.playerId(), "registration_status")).isEqualTo("pending");
    }

    @Test
    void aDateOfBirthThatDoesNotFitTheAgeGroupIsRefusedAndNothingOfTheCallIsRecorded() {
        Family family = fixtures.family("+447700900107", null, "Seb");

        ToolResult result = tools.call(family.conversationId(), List.of(0L), "record_player_details",
                "{\"player_id\": \"" + family.playerId() + "\", \"date_of_birth\": \"2010-01-01\", "
                        + "\"kit_size\": \"M\"}");

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("date_of_birth", "U11");
        assertThat(fixtures.player(family.playerId(), "kit_size")).isNull();
    }

    @Test
    void validDetailsAreRecordedWithTheEmergencyPhoneInE164AndThePhotoConsentWithItsEvidence() {
        Family family = fixtures.family("+447700900108", null, "Seb");
        long message = fixtures.inbound(family, "14/03/2016, 07700 900 321, yes to photos");

        ToolResult result = tools.call(family.conversationId(), List.of(message), "record_player_details",
                "{\"player_id\": \"" + family.playerId() + "\", \"date_of_birth\": \"2016-03-14\", "
                        + "\"emergency_contact_tel\": \"07700 900 321\", \"photo_consent\": true}");

        assertThat(result.ok()).isTrue();
        assertThat(fixtures.player(family.playerId(), "date_of_birth")).isEqualTo("2016-03-14");
        assertThat(fixtures.player(family.playerId(), "emergency_contact_tel")).isEqualTo("+447700900321");
        assertThat(fixtures.player(family.playerId(), "photo_consent")).isEqualTo("t");
        assertThat(fixtures.value("SELECT kind || ' ' || given || ' ' || wording_version || ' ' || message_id "
                + "|| ' ' || (recorded_at IS NOT NULL) FROM consents WHERE player_id = " + family.playerId()))
                .isEqualTo("photo true 1 " + message + " true");
    }

    @Test
    void anInvalidPhoneNumberIsRefusedWithAReasonTheModelCanActOn() {
        Family family = fixtures.family("+447700900109", null, "Seb");

        ToolResult result = tools.call(family.conversationId(), List.of(0L), "record_player_details",
                "{\"player_id\": \"" + family.playerId() + "\", \"emergency_contact_tel\": \"12345\"}");

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("emergency_contact_tel");
    }

    @Test
    void malformedArgumentsComeBackAsAnError() {
        Family family = fixtures.family("+447700900110", null, "Seb");

        ToolResult result = tools.call(family.conversationId(), List.of(0L), "update_registration_status", "{\"player_id\": ");

        assertThat(result.ok()).isFalse();
        assertThat(result.message()).contains("not a JSON object");
    }

    @Test
    void askingForAPersonFlagsTheConversationAndTellsTheManagerOnce() {
        Family family = fixtures.family("+447700900111", "07700 900999", "Seb");

        actions.requestHumanHelp(family.conversationId(), "Parent asks about fees");
        actions.requestHumanHelp(family.conversationId(), "Parent asks again");

        assertThat(fixtures.value("SELECT human_help_reason FROM conversations WHERE id = " + family.conversationId()))
                .isEqualTo("Parent asks about fees");
        assertThat(fixtures.published).singleElement().isInstanceOfSatisfying(Job.HandOffNotice.class, notice -> {
            assertThat(notice.conversationId()).isEqualTo(family.conversationId());
            assertThat(notice.escalation()).isFalse();
        });
    }
}
