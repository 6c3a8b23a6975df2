package uk.clubreg.local.chaos;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import uk.clubreg.local.chaos.ChaosRun.Invariant;
import uk.clubreg.local.chaos.OutcomeRepository.Outbound;
import uk.clubreg.local.chaos.OutcomeRepository.Registration;

/** The chaos run's invariants, from the database and the fakes' logs (docs/reliability.md). */
final class Invariants {

    private final List<String> phones;
    private final ParentTraffic traffic;
    private final FaultyTwilio twilio;
    private final OutcomeRepository outcomes;
    private final int deadLetters;
    private final ChaosRun.Scale scale;

    Invariants(List<String> phones, ParentTraffic traffic, FaultyTwilio twilio, OutcomeRepository outcomes,
               int deadLetters, ChaosRun.Scale scale) {
        this.phones = phones;
        this.traffic = traffic;
        this.twilio = twilio;
        this.outcomes = outcomes;
        this.deadLetters = deadLetters;
        this.scale = scale;
    }

    List<Invariant> check() {
        Map<String, Outbound> bySid = outcomes.outbound().stream().filter(o -> o.sid() != null)
                .collect(Collectors.toMap(Outbound::sid, Function.identity()));
        List<Outbound> outbound = outcomes.outbound();
        return List.of(noMessageLost(), oneSendPerDecidedReply(outbound, bySid), nothingAfterAStop(bySid),
                oneHoldingMessagePerOutage(bySid), everyRegistrationAccountedFor(), statusesEndDelivered(bySid),
                new Invariant("dead-letter queue empty", deadLetters + " jobs", deadLetters == 0));
    }

    private Invariant noMessageLost() {
        List<String> rows = outcomes.inboundSids(phones);
        Set<String> stored = new HashSet<>(rows);
        int storedTwice = rows.size() - stored.size();
        Set<String> acknowledged = traffic.acknowledged();
        long lost = acknowledged.stream().filter(sid -> !stored.contains(sid)).count();
        long neverAcknowledged = traffic.posted().stream().filter(sid -> !acknowledged.contains(sid)).count();
        long storedOfOurs = traffic.posted().stream().filter(stored::contains).count();
        return new Invariant("inbound messages stored = messages acknowledged (0 lost)",
                "%d sent, %d acknowledged (/webhook or fallback), %d stored, %d of them twice, %d lost; %d never acknowledged by either route"
                        .formatted(traffic.posted().size(), acknowledged.size(), storedOfOurs, storedTwice, lost,
                                neverAcknowledged),
                lost == 0 && neverAcknowledged == 0 && storedTwice == 0);
    }

    /**
     * Every send the fake Twilio accepted is an outbound row's SID, except at most one per row whose outcome is
     * unknown (a send cut off before its SID was saved); anything beyond is a duplicate.
     */
    private Invariant oneSendPerDecidedReply(List<Outbound> outbound, Map<String, Outbound> bySid) {
        List<FaultyTwilio.Accepted> accepted = twilio.accepted();
        long unmatched = accepted.stream().filter(a -> !bySid.containsKey(a.sid())).count();
        long unknown = outbound.stream().filter(o -> o.status().equals("unknown")).count();
        long duplicates = Math.max(0, unmatched - unknown);
        Set<String> sentKeys = accepted.stream().map(a -> bySid.get(a.sid())).filter(o -> o != null)
                .map(Outbound::key).collect(Collectors.toSet());
        List<String> decided = outcomes.decidedReplyKeys();
        long sentOnce = decided.stream().filter(sentKeys::contains).count();
        Set<String> stopped = traffic.stoppedAt().keySet();
        Map<String, Long> notSent = decided.stream().filter(key -> !sentKeys.contains(key))
                .map(key -> outbound.stream().filter(o -> key.equals(o.key()))
                        .map(o -> o.status() + (stopped.contains(o.phone()) ? ", then STOP" : "")).findFirst()
                        .orElse("no row: the parent had opted out"))
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        Set<String> acceptedSids = accepted.stream().map(FaultyTwilio.Accepted::sid).collect(Collectors.toSet());
        Map<String, Long> rowsNotAccepted = outbound.stream()
                .filter(o -> o.sid() == null || !acceptedSids.contains(o.sid()))
                .collect(Collectors.groupingBy(o -> o.status() + " " + o.key().replaceAll(":.*", "")
                        + (stopped.contains(o.phone()) ? " (the parent sent STOP)" : ""), TreeMap::new, Collectors.counting()));
        return new Invariant("sends per decided reply = 1 (0 duplicates)",
                "%d sends accepted, %d outbound rows (not accepted, by status: %s); %d decided replies sent once, not sent: %s; %d sends with no row (%d rows unknown); %d duplicates"
                        .formatted(accepted.size(), outbound.size(), rowsNotAccepted, sentOnce, notSent, unmatched,
                                unknown, duplicates),
                duplicates == 0);
    }

    private Invariant nothingAfterAStop(Map<String, Outbound> bySid) {
        Map<String, Instant> stopped = traffic.stoppedAt();
        List<String> after = new ArrayList<>();
        for (FaultyTwilio.Accepted send : twilio.accepted()) {
            String phone = send.to().replace("whatsapp:", "");
            Instant stop = stopped.get(phone);
            Outbound row = bySid.get(send.sid());
            boolean confirmation = row != null && row.key() != null && row.key().startsWith("opt-out:");
            if (stop != null && send.at().isAfter(stop) && !confirmation) {
                after.add(row == null ? "(no row)" : row.key().replaceAll(":.*", ":…"));
            }
        }
        return new Invariant("0 messages after a STOP",
                "%d parents sent STOP (and wrote again after it); %d sends after their STOP%s"
                        .formatted(stopped.size(), after.size(), after.isEmpty() ? "" : " " + ChaosRun.counted(after)),
                after.isEmpty());
    }

    /** The AI phase has one outage (5xx, then timeouts, then slow answers): at most one holding message each. */
    private Invariant oneHoldingMessagePerOutage(Map<String, Outbound> bySid) {
        Map<String, Long> perParent = twilio.accepted().stream().map(a -> bySid.get(a.sid()))
                .filter(o -> o != null && o.key() != null && o.key().startsWith("holding:"))
                .collect(Collectors.groupingBy(Outbound::phone, Collectors.counting()));
        long most = perParent.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return new Invariant("1 holding message per parent per outage",
                "%d of %d AI-mode parents got a holding message during the OpenAI outage; most to one parent: %d"
                        .formatted(perParent.size(), scale.aiParents(), most),
                most <= 1 && (!scale.holdingMustFallDue() || !perParent.isEmpty()));
    }

    private Invariant everyRegistrationAccountedFor() {
        List<Registration> registrations = outcomes.registrations(phones);
        Map<String, Long> reasons = registrations.stream().map(Invariants::reason)
                .collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()));
        long stuck = registrations.stream().filter(r -> reason(r).startsWith("STUCK")).count();
        return new Invariant("every registration completed, or waiting with a stated reason",
                "%d registrations: %s".formatted(registrations.size(), reasons), stuck == 0);
    }

    static String reason(Registration r) {
        if (r.unansweredMessages() > 0) {
            return "STUCK: a message unanswered";
        }
        if (r.sendsInFlight() > 0) {
            return "STUCK: a send in flight";
        }
        if (r.status().equals("completed") || r.status().equals("declined")) {
            return r.status();
        }
        if (r.optedOut()) {
            return "waiting: the parent opted out (STOP)";
        }
        if (r.unreachable()) {
            return "waiting: the parent is unreachable on WhatsApp";
        }
        if (r.waitingForAPerson()) {
            return "waiting: for a person (hand-off)";
        }
        return "waiting: for the parent's next answer (stage " + r.stage() + ")";
    }

    /** A send whose every status callback was answered 2xx ends delivered, whatever order they came in. */
    private Invariant statusesEndDelivered(Map<String, Outbound> bySid) {
        Set<String> refused = twilio.callbacksRefused();
        List<String> behind = twilio.accepted().stream().filter(a -> !refused.contains(a.sid()))
                .map(a -> bySid.get(a.sid())).filter(o -> o != null && !o.status().equals("delivered"))
                .map(Outbound::status).toList();
        long applicable = twilio.accepted().stream().filter(a -> !refused.contains(a.sid()) && bySid.containsKey(a.sid())).count();
        return new Invariant("status callbacks out of order: each send ends delivered",
                "%d sends with every callback taken; %d not delivered%s".formatted(applicable, behind.size(),
                        behind.isEmpty() ? "" : " " + ChaosRun.counted(behind)),
                behind.isEmpty());
    }
}
