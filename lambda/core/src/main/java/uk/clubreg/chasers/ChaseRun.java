package uk.clubreg.chasers;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one run of the reminders did: registrations considered, reminders sent (one per parent), players they
 * named, and the registrations skipped, by reason.
 */
public record ChaseRun(LocalDate day, int considered, int sent, int playersReminded, Map<Skip, Integer> skipped) {

    public ChaseRun {
        skipped = Map.copyOf(skipped);
    }

    /** {@code considered}, {@code sent}, {@code players_reminded} and {@code skipped} by reason. */
    public Map<String, Object> counts() {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("considered", considered);
        counts.put("sent", sent);
        counts.put("players_reminded", playersReminded);
        counts.put("skipped", skippedByReason());
        return counts;
    }

    /** Every reason, in order, with zeros: the same keys in every answer. */
    public Map<String, Integer> skippedByReason() {
        Map<String, Integer> byReason = new LinkedHashMap<>();
        for (Skip reason : Skip.values()) {
            byReason.put(reason.wireName(), skipped.getOrDefault(reason, 0));
        }
        return byReason;
    }

    static final class Counts {
        private final LocalDate day;
        private int considered;
        private int sent;
        private int playersReminded;
        private final Map<Skip, Integer> skipped = new EnumMap<>(Skip.class);

        Counts(LocalDate day) {
            this.day = day;
        }

        void considered(int players) {
            considered += players;
        }

        void skipped(Skip reason, int players) {
            skipped.merge(reason, players, Integer::sum);
        }

        void sent(int players) {
            sent++;
            playersReminded += players;
        }

        ChaseRun done() {
            return new ChaseRun(day, considered, sent, playersReminded, skipped);
        }
    }
}
