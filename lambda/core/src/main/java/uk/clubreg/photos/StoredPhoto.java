package uk.clubreg.photos;

import java.time.Instant;

/**
 * A player's photo as kept: whose (the player and their parent), where in the {@link PhotoStore}, its type (by its
 * bytes), size, digest and the message it came in.
 */
public record StoredPhoto(long playerId, long parentId, String key, String contentType, int sizeBytes, String sha256,
                          Long messageId, Instant receivedAt) {}
