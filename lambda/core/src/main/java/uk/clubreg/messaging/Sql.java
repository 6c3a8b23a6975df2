package uk.clubreg.messaging;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** JDBC for the nullable ids messages carry (an unknown sender has no parent or conversation). */
final class Sql {

    private Sql() {}

    static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        statement.setObject(index, value, Types.BIGINT);
    }

    static Long getLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
