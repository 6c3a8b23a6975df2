package uk.clubreg.conversations;

import java.time.Instant;

/** A stored message from a parent (or an unknown number: {@code parentId} and {@code conversationId} null). */
public record InboundMessage(long id, Long parentId, Long conversationId, String phone, String body,
                             Instant receivedAt) {}
