package uk.clubreg.photos;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import uk.clubreg.persistence.Jdbc;

/** The {@code player_photos} rows: which stored file is a player's photo (docs/decisions/0115-player-photo.md). */
public final class PhotoRepository {

    private static final String SELECT = """
            SELECT ph.player_id, pl.parent_id, ph.storage_key, ph.content_type, ph.size_bytes, ph.sha256,
                   ph.message_id, ph.received_at
              FROM player_photos ph JOIN players pl ON pl.id = ph.player_id""";

    private final Jdbc jdbc;

    public PhotoRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The player's photo, replacing the one kept before (its file is overwritten: the key is the player's). */
    void save(StoredPhoto photo) {
        jdbc.update("""
                INSERT INTO player_photos (player_id, storage_key, content_type, size_bytes, sha256, message_id,
                                           received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (player_id) DO UPDATE SET storage_key = excluded.storage_key,
                    content_type = excluded.content_type, size_bytes = excluded.size_bytes, sha256 = excluded.sha256,
                    message_id = excluded.message_id, received_at = excluded.received_at""",
                photo.playerId(), photo.key(), photo.contentType(), photo.sizeBytes(), photo.sha256(),
                photo.messageId(), photo.receivedAt());
    }

    public Optional<StoredPhoto> ofPlayer(long playerId) {
        return jdbc.queryOne(SELECT + " WHERE ph.player_id = ?",
                PhotoRepository::read, playerId);
    }

    /** The photo this message gave, if it was kept: a retried turn does not fetch it again. */
    Optional<StoredPhoto> fromMessage(long messageId) {
        return jdbc.queryOne(SELECT + " WHERE ph.message_id = ?",
                PhotoRepository::read, messageId);
    }

    /** The photos of these players, for their export or the deletion of their files. */
    public List<StoredPhoto> ofPlayers(List<Long> playerIds) {
        return jdbc.queryList(SELECT + " WHERE ph.player_id = ANY (?) ORDER BY ph.player_id",
                PhotoRepository::read, Jdbc.bigints(playerIds));
    }

    private static StoredPhoto read(ResultSet row) throws SQLException {
        return new StoredPhoto(row.getLong("player_id"), row.getLong("parent_id"), row.getString("storage_key"),
                row.getString("content_type"),
                row.getInt("size_bytes"), row.getString("sha256"), Jdbc.nullableLong(row, "message_id"),
                Jdbc.instant(row, "received_at"));
    }
}
