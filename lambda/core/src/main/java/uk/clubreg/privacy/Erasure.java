package uk.clubreg.privacy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an erasure removed: rows per table ({@code found} false and all zero when nothing was held, as on a repeated
 * request), and how many copies at the processors the queued job deletes: Twilio message records (with their
 * media), OpenAI conversations and the players' photo files. {@code auditEntryId} is the erasure's entry in the
 * access audit.
 */
public record Erasure(boolean found, Map<String, Integer> removed, int messageRecords, int aiConversations,
                      int photos, long auditEntryId) {

    public Erasure {
        removed = Collections.unmodifiableMap(new LinkedHashMap<>(removed));
    }
}
