package uk.clubreg.conversations;

import java.time.Instant;

/**
 * A conversation handed to a person: since when, why, and when it was escalated to the club admins because nobody
 * had released it (null: not yet).
 */
public record HandOff(long conversationId, Instant since, String reason, Instant escalatedAt) {}
