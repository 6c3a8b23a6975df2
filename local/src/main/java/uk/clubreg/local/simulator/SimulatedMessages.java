package uk.clubreg.local.simulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every simulated WhatsApp message, per parent phone, in memory: what the club sent and what the parent typed. */
final class SimulatedMessages {

    record Message(String sid, String phone, String direction, String body, List<String> buttons, String contentSid,
                   Instant at) {}

    private final Map<String, List<Message>> byPhone = new LinkedHashMap<>();

    synchronized void add(Message message) {
        byPhone.computeIfAbsent(message.phone(), p -> new ArrayList<>()).add(message);
    }

    synchronized List<Message> of(String phone) {
        return List.copyOf(byPhone.getOrDefault(phone, List.of()));
    }

    /** Twilio's message deleter: @return whether the message was there */
    synchronized boolean delete(String sid) {
        boolean deleted = false;
        for (List<Message> messages : byPhone.values()) {
            deleted |= messages.removeIf(message -> message.sid().equals(sid));
        }
        byPhone.values().removeIf(List::isEmpty);
        return deleted;
    }

    synchronized List<String> phones() {
        return List.copyOf(byPhone.keySet());
    }
}
