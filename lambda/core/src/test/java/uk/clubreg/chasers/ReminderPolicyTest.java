package uk.clubreg.chasers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import uk.clubreg.parents.Parent;
import uk.clubreg.players.Player;
import uk.clubreg.players.PlayerRepository.Unfinished;
import uk.clubreg.players.RegistrationStatus;
import uk.clubreg.players.Stage;

/** Days are the club's calendar days (London): an invitation late on Monday is three days old on Thursday. */
class ReminderPolicyTest {

    private static final ReminderPolicy POLICY = new ReminderPolicy(new ReminderSettings(3, 2, 3,
            QuietHours.parse("20:00-09:00"), ZoneId.of("Europe/London")));
    private static final Instant MONDAY_LATE = Instant.parse("2026-11-02T22:30:00Z");
    private static final LocalDate WEDNESDAY = LocalDate.of(2026, 11, 4);
    private static final LocalDate THURSDAY = LocalDate.of(2026, 11, 5);

    @Test
    void theFirstReminderIsDueOnTheThirdCalendarDayAfterTheInvitation() {
        assertThat(POLICY.due(registration(MONDAY_LATE, null, 0, null), WEDNESDAY)).isFalse();
        assertThat(POLICY.due(registration(MONDAY_LATE, null, 0, null), THURSDAY)).isTrue();
    }

    @Test
    void theParentsLastMessageStartsTheCountAgain() {
        Instant wroteWednesday = Instant.parse("2026-11-04T18:00:00Z");

        assertThat(POLICY.due(registration(MONDAY_LATE, wroteWednesday, 0, null), THURSDAY)).isFalse();
        assertThat(POLICY.due(registration(MONDAY_LATE, wroteWednesday, 0, null), THURSDAY.plusDays(2))).isTrue();
    }

    @Test
    void laterRemindersWaitTheirDaysAfterTheLastOne() {
        Instant remindedThursday = Instant.parse("2026-11-05T10:00:00Z");

        assertThat(POLICY.due(registration(MONDAY_LATE, null, 1, remindedThursday), THURSDAY.plusDays(1))).isFalse();
        assertThat(POLICY.due(registration(MONDAY_LATE, null, 1, remindedThursday), THURSDAY.plusDays(2))).isTrue();
    }

    @Test
    void theMaximumStopsTheRunButNotAReminderAskedForByHand() {
        Unfinished reminded = registration(MONDAY_LATE, null, 3, Instant.parse("2026-11-01T10:00:00Z"));

        assertThat(POLICY.refusal(reminded, THURSDAY, false)).contains(Skip.MAX_REACHED);
        assertThat(POLICY.refusal(reminded, THURSDAY, true)).isEmpty();
    }

    @Test
    void aParentRemindedTodayIsNotRemindedAgainEvenByHand() {
        Unfinished reminded = registration(MONDAY_LATE, null, 1, Instant.parse("2026-11-05T09:10:00Z"));

        assertThat(POLICY.refusal(reminded, THURSDAY, true)).contains(Skip.REMINDED_TODAY);
    }

    private static Unfinished registration(Instant invitedAt, Instant parentWroteAt, int remindersSent,
                                           Instant lastRemindedAt) {
        Player player = new Player(1, 1, 1L, "Sam", "Taylor", "Urmston Town Juniors FC", "U11 Panthers", "U11",
                "2026-27", null, null, null, null, RegistrationStatus.PENDING, Stage.INITIAL_CONTACT, null, null, null,
                null, null, null, null, null, remindersSent, lastRemindedAt, null, false,
                null);
        Parent parent = new Parent(1, "+447700900301", "Alex", "Taylor", null, null, null, null);
        return new Unfinished(player, parent, 1, invitedAt, parentWroteAt, false);
    }
}
