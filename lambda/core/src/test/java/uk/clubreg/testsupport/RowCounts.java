package uk.clubreg.testsupport;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.clubreg.persistence.Database;

/** Row counts of the tables a request may write, to show that a refused request wrote nothing. */
public final class RowCounts {

    private static final List<String> TABLES = List.of("parents", "conversations", "players", "invitations", "outbox");

    private RowCounts() {}

    public static Map<String, Long> of(Database database) {
        return database.withConnection(connection -> {
            Map<String, Long> counts = new LinkedHashMap<>();
            try (Statement statement = connection.createStatement()) {
                for (String table : TABLES) {
                    try (ResultSet row = statement.executeQuery("SELECT count(*) FROM " + table)) {
                        row.next();
                        counts.put(table, row.getLong(1));
                    }
                }
            }
            return counts;
        });
    }

    public static long count(Database database, String sql) {
        return database.withConnection(connection -> {
            try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
                row.next();
                return row.getLong(1);
            }
        });
    }
}
