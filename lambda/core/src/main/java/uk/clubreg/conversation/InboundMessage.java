package uk.clubreg.conversation;

import java.time.Instant;

/** A parent's message not yet answered. */
public record InboundMessage(long id, String body, Instant receivedAt) {}
