package uk.clubreg.conversations;

import java.time.Instant;

/** One message of a conversation as a person reads it back: who wrote, what, when, and its delivery status. */
public record TranscriptLine(boolean fromParent, String kind, String body, String status, Instant at) {}
