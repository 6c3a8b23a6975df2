package uk.clubreg.conversations;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a message is. Inbound: received, then answered, ignored (opted out) or held (a person has the
 * conversation). Outbound: ours while sending ({@code sending}, {@code failed_to_send}, {@code unknown}), then
 * Twilio's statuses, which only move forward ({@link #progress()}); callbacks can arrive out of order.
 */
public enum MessageStatus {
    RECEIVED(0), ANSWERED(0), IGNORED(0), HELD(0),
    FAILED_TO_SEND(0), UNKNOWN(0),
    ACCEPTED(1), SCHEDULED(1), QUEUED(1), SENDING(2), SENT(3), DELIVERED(4), READ(5),
    UNDELIVERED(6), FAILED(6), CANCELED(6);

    private final int progress;

    MessageStatus(int progress) {
        this.progress = progress;
    }

    /** Twilio's order; the final failures rank last. 0: not a status Twilio reports in a callback. */
    public int progress() {
        return progress;
    }

    /** A status Twilio's delivery callback may report. */
    public boolean isDeliveryStatus() {
        return progress > 0;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<MessageStatus> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
    }
}
