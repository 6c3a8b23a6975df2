package uk.clubreg.chasers;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import uk.clubreg.players.PlayerRepository.Unfinished;

/** Whether one unfinished registration's parent may and should be reminded today: pure, from the settings. */
final class ReminderPolicy {

    private final ReminderSettings settings;

    ReminderPolicy(ReminderSettings settings) {
        this.settings = settings;
    }

    /** Why this parent must not be reminded about this player now, whatever the days; empty: they may be. */
    Optional<Skip> refusal(Unfinished registration, LocalDate today, boolean manual) {
        if (registration.parent().optedOutAt() != null) {
            return Optional.of(Skip.OPTED_OUT);
        }
        if (registration.parent().unreachableSince() != null) {
            return Optional.of(Skip.UNREACHABLE);
        }
        if (registration.waitingForPerson()) {
            return Optional.of(Skip.WAITING_FOR_PERSON);
        }
        Instant lastReminded = registration.player().lastRemindedAt();
        if (lastReminded != null && settings.day(lastReminded).equals(today)) {
            return Optional.of(Skip.REMINDED_TODAY);
        }
        if (!manual && registration.player().remindersSent() >= settings.max()) {
            return Optional.of(Skip.MAX_REACHED);
        }
        return Optional.empty();
    }

    /**
     * Due: {@code afterDays} since the invitation or the parent's last message, whichever is later, and
     * {@code everyDays} since the last reminder. Days are the club's calendar days.
     */
    boolean due(Unfinished registration, LocalDate today) {
        Instant quietSince = registration.parentLastWroteAt() != null
                && registration.parentLastWroteAt().isAfter(registration.invitedAt())
                ? registration.parentLastWroteAt() : registration.invitedAt();
        if (daysBetween(quietSince, today) < settings.afterDays()) {
            return false;
        }
        Instant lastReminded = registration.player().lastRemindedAt();
        return lastReminded == null || daysBetween(lastReminded, today) >= settings.everyDays();
    }

    private long daysBetween(Instant from, LocalDate today) {
        return ChronoUnit.DAYS.between(settings.day(from), today);
    }
}
