package uk.clubreg.privacy;

import java.util.List;

/**
 * Everything held about one parent, by id: their row (null for a number that only ever wrote without an
 * invitation), their children's rows, invitations, consent records and photos, their conversations and turns, every message to or from them
 * or about them to the club's people, their jobs; and the processors' copies: Twilio message SIDs and OpenAI
 * conversation ids. Export and erasure both work from it, so they cover the same rows.
 */
record Footprint(Long parentId, List<Long> players, List<Long> invitations, List<Long> consents, List<Long> photos,
                 List<Long> conversations, List<Long> turns, List<Long> messages, List<Long> outboxJobs, List<String> messageSids,
                 List<String> aiConversationIds) {

    Footprint {
        players = List.copyOf(players);
        invitations = List.copyOf(invitations);
        consents = List.copyOf(consents);
        photos = List.copyOf(photos);
        conversations = List.copyOf(conversations);
        turns = List.copyOf(turns);
        messages = List.copyOf(messages);
        outboxJobs = List.copyOf(outboxJobs);
        messageSids = List.copyOf(messageSids);
        aiConversationIds = List.copyOf(aiConversationIds);
    }

    boolean isEmpty() {
        return parentId == null && messages.isEmpty();
    }

    List<Long> parentIds() {
        return parentId == null ? List.of() : List.of(parentId);
    }
}
