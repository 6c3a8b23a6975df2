package uk.clubreg.registrations;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import uk.clubreg.conversation.RequiredDetails;
import uk.clubreg.conversation.TokenUsage;
import uk.clubreg.persistence.Database;

/** Reads a team's registrations for a season: every invited player, oldest invitation first. */
public final class TeamRegistrations {

    private static final String DETAIL_COLUMNS = String.join(", ", RequiredDetails.NAMES.stream()
            .map(name -> "p." + name).toList());

    private final Database database;

    public TeamRegistrations(Database database) {
        this.database = database;
    }

    public List<PlayerRegistration> of(String teamName, String season) {
        return database.withConnection(connection -> {
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT p.id, p.first_name, p.last_name, p.age_group, p.registration_status, p.stage,
                           p.is_returning_player, p.updated_at,
                           pa.phone_e164, pa.first_name AS parent_first_name, pa.last_name AS parent_last_name,
                           pa.opted_out_at, pa.unreachable_at, pa.unreachable_reason,
                           %s
                    FROM players p
                    JOIN parents pa ON pa.id = p.parent_id
                    WHERE p.team_name = ? AND p.season = ?
                    ORDER BY p.id""".formatted(DETAIL_COLUMNS))) {
                select.setString(1, teamName);
                select.setString(2, season);
                List<PlayerRegistration> players = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        players.add(read(row));
                    }
                }
                Map<Long, TokenUsage.Tokens> tokens = TokenUsage.totalsByPlayer(connection,
                        players.stream().map(PlayerRegistration::playerId).toList());
                return players.stream().map(p -> p.withAiTokens(tokens.get(p.playerId()))).toList();
            }
        });
    }

    private static PlayerRegistration read(ResultSet row) throws SQLException {
        Map<String, Object> details = new HashMap<>();
        for (String name : RequiredDetails.NAMES) {
            details.put(name, row.getObject(name));
        }
        Boolean returning = row.getObject("is_returning_player") == null ? null : row.getBoolean("is_returning_player");
        return new PlayerRegistration(
                row.getLong("id"),
                row.getString("first_name"),
                row.getString("last_name"),
                row.getString("age_group"),
                row.getString("registration_status"),
                row.getString("stage"),
                returning,
                instant(row.getTimestamp("updated_at")),
                RequiredDetails.missing(details),
                new PlayerRegistration.ParentContact(
                        row.getString("phone_e164"),
                        row.getString("parent_first_name"),
                        row.getString("parent_last_name"),
                        instant(row.getTimestamp("opted_out_at")),
                        instant(row.getTimestamp("unreachable_at")),
                        row.getString("unreachable_reason")),
                new TokenUsage.Tokens(0, 0));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
