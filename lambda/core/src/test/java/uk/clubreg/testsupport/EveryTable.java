package uk.clubreg.testsupport;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import uk.clubreg.persistence.Database;

/** Every table of the schema, as information_schema lists it: to show that a value is held nowhere. */
public final class EveryTable {

    private EveryTable() {}

    public static List<String> names(Database database) {
        return database.withConnection(connection -> {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("""
                    SELECT table_name FROM information_schema.tables
                     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name""");
                 ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            return tables;
        });
    }

    /** Rows per table whose text (every column, cast as a whole row) contains {@code needle}, ignoring case. */
    public static Map<String, Long> rowsContaining(Database database, String needle) {
        Map<String, Long> found = new LinkedHashMap<>();
        for (String table : names(database)) {
            long rows = database.withConnection(connection -> {
                try (PreparedStatement select = connection.prepareStatement(
                        "SELECT count(*) FROM " + table + " t WHERE strpos(lower(t::text), lower(?)) > 0")) {
                    select.setString(1, needle);
                    try (ResultSet row = select.executeQuery()) {
                        row.next();
                        return row.getLong(1);
                    }
                }
            });
            if (rows > 0) {
                found.put(table, rows);
            }
        }
        return found;
    }
}
