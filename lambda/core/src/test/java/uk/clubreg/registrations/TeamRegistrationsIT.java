package uk.clubreg.registrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uk.clubreg.conversations.AiTokens;
import uk.clubreg.invitations.InvitationRequest;
import uk.clubreg.invitations.InvitationService;
import uk.clubreg.invitations.Invitations;
import uk.clubreg.jobs.JobQueue;
import uk.clubreg.parents.Parent;
import uk.clubreg.persistence.Database;
import uk.clubreg.players.RegistrationStatus;
import uk.clubreg.players.RequiredDetails;
import uk.clubreg.players.Stage;
import uk.clubreg.testsupport.Repositories;
import uk.clubreg.testsupport.TestPostgres;

class TeamRegistrationsIT {

    private Database database;
    private InvitationService invitations;
    private TeamRegistrations registrations;

    @BeforeEach
    void start() {
        database = TestPostgres.freshDatabase();
        JobQueue acceptsEverything = job -> { };
        Repositories repositories = Repositories.of(database);
        invitations = Invitations.service(repositories, acceptsEverything);
        registrations = new TeamRegistrations(repositories.players(), repositories.conversations());
    }

    @AfterEach
    void stop() {
        database.close();
    }

    @Test
    void aManagerSeesOnlyTheirTeamsPlayersForTheSeason() {
        invite("Sam", "+447700900123", "U11 Panthers", "2026-27");
        invite("Ria", "+447700900124", "U11 Panthers", "2025-26");
        invite("Ava", "+447700900125", "U12 Lions", "2026-27");

        List<PlayerRegistration> team = registrations.of("U11 Panthers", "2026-27");

        assertThat(team).extracting(r -> r.player().firstName()).containsExactly("Sam");
    }

    @Test
    void aNewlyInvitedPlayerIsPendingWithEveryDetailMissing() {
        invite("Sam", "+447700900123", "U11 Panthers", "2026-27");

        PlayerRegistration sam = registrations.of("U11 Panthers", "2026-27").getFirst();

        assertThat(sam.player().status()).isEqualTo(RegistrationStatus.PENDING);
        assertThat(sam.player().stage()).isEqualTo(Stage.INITIAL_CONTACT);
        assertThat(sam.player().returningPlayer()).isNull();
        assertThat(sam.missingDetails()).containsExactlyElementsOf(RequiredDetails.names(false));
    }

    @Test
    void detailsAlreadyGivenAreNoLongerListedAsMissing() {
        invite("Sam", "+447700900123", "U11 Panthers", "2026-27");
        update("UPDATE players SET date_of_birth = '2015-04-01', kit_size = 'YM', medical_notes = 'none'");

        PlayerRegistration sam = registrations.of("U11 Panthers", "2026-27").getFirst();

        assertThat(sam.missingDetails())
                .containsExactly("emergency_contact_name", "emergency_contact_tel", "photo_consent");
    }

    @Test
    void aParentWhoseNumberIsNotOnWhatsAppIsShownAsUnreachableWithTheReason() {
        invite("Sam", "+447700900123", "U11 Panthers", "2026-27");
        update("UPDATE parents SET unreachable_at = now(), unreachable_reason = 'Not a WhatsApp number (63003)'");

        Parent parent = registrations.of("U11 Panthers", "2026-27").getFirst().parent();

        assertThat(parent.unreachableSince()).isNotNull();
        assertThat(parent.unreachableReason()).isEqualTo("Not a WhatsApp number (63003)");
        assertThat(parent.phone()).isEqualTo("+447700900123");
    }

    @Test
    void aManagerSeesTheAiTokensEachPlayersConversationUsed() {
        invite("Sam", "+447700900123", "U11 Panthers", "2026-27");
        update("""
                INSERT INTO messages (conversation_id, parent_id, phone_e164, direction, kind, body, status,
                                      input_tokens, output_tokens)
                SELECT conversation_id, parent_id, '+447700900123', 'outbound', 'freeform', 'Hello', 'sent', 1200, 80
                FROM players WHERE first_name = 'Sam'""");

        PlayerRegistration sam = registrations.of("U11 Panthers", "2026-27").getFirst();

        assertThat(sam.aiTokens()).isEqualTo(new AiTokens(1200, 80));
    }

    @Test
    void aManagerSeesTheRemindersSentAndAHandOffWithWhenAndWhy() {
        invite("Sam", "+447700900123", "U11 Panthers", "2026-27");
        invite("Ria", "+447700900124", "U11 Panthers", "2026-27");
        update("UPDATE players SET reminders_sent = 2, last_reminded_at = '2026-11-05T10:00:00Z' WHERE first_name = 'Sam'");
        update("""
                UPDATE conversations SET human_help_requested_at = '2026-11-06T09:30:00Z',
                    human_help_reason = 'The parent asked to speak to a person'
                WHERE parent_id = (SELECT id FROM parents WHERE phone_e164 = '+447700900124')""");

        List<PlayerRegistration> team = registrations.of("U11 Panthers", "2026-27");

        assertThat(team.get(0).player().remindersSent()).isEqualTo(2);
        assertThat(team.get(0).player().lastRemindedAt()).isEqualTo(java.time.Instant.parse("2026-11-05T10:00:00Z"));
        assertThat(team.get(0).handOff()).isNull();
        assertThat(team.get(1).handOff().since()).isEqualTo(java.time.Instant.parse("2026-11-06T09:30:00Z"));
        assertThat(team.get(1).handOff().reason()).isEqualTo("The parent asked to speak to a person");
    }

    private void invite(String firstName, String tel, String team, String season) {
        invitations.invite(new InvitationRequest(firstName, "Taylor", tel, null, null, team, null, null, null, season,
                null, null), "req");
    }

    private void update(String sql) {
        database.withConnection(connection -> connection.createStatement().executeUpdate(sql));
    }
}
