package uk.clubreg.persistence;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The repositories' JDBC: one statement per call, parameters bound in order, rows mapped by the caller. Runs in
 * the thread's transaction when one is open (see {@link Database}).
 *
 * <p>Parameters: {@code String}, numbers, {@code Boolean}, {@link Instant} (as timestamptz) and values from
 * {@link #nullable}/{@link #bigints}; a plain {@code null} is bound untyped, so use {@link #nullable} where
 * PostgreSQL cannot infer the type.
 */
public final class Jdbc {

    /** Reads one row. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    private record Typed(Object value, int sqlType) {}

    private record SqlArray(String elementType, List<?> values) {}

    private final Database database;

    public Jdbc(Database database) {
        this.database = database;
    }

    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... parameters) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, parameters);
                 ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.ofNullable(mapper.map(row)) : Optional.empty();
            }
        });
    }

    public <T> List<T> queryList(String sql, RowMapper<T> mapper, Object... parameters) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, parameters);
                 ResultSet rows = statement.executeQuery()) {
                List<T> list = new ArrayList<>();
                while (rows.next()) {
                    list.add(mapper.map(rows));
                }
                return list;
            }
        });
    }

    /** @return the number of rows changed */
    public int update(String sql, Object... parameters) {
        return database.withConnection(connection -> {
            try (PreparedStatement statement = prepare(connection, sql, parameters)) {
                return statement.executeUpdate();
            }
        });
    }

    /** A value bound with an explicit SQL type, so that null is typed too. */
    public static Object nullable(Object value, int sqlType) {
        return new Typed(value, sqlType);
    }

    public static Object nullableLong(Long value) {
        return nullable(value, Types.BIGINT);
    }

    /** A {@code bigint[]} parameter, for {@code = ANY (?)}. */
    public static Object bigints(Collection<Long> values) {
        return array("bigint", values);
    }

    /**
     * An array parameter of {@code elementType} (e.g. {@code text}, {@code numeric}), elements may be null: with
     * {@code unnest} several such arrays make one multi-row statement.
     */
    public static Object array(String elementType, Collection<?> values) {
        return new SqlArray(elementType, new ArrayList<>(values));
    }

    public static Instant instant(ResultSet row, String column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    public static Long nullableLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    public static Boolean nullableBoolean(ResultSet row, String column) throws SQLException {
        boolean value = row.getBoolean(column);
        return row.wasNull() ? null : value;
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object[] parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                bind(connection, statement, i + 1, parameters[i]);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static void bind(Connection connection, PreparedStatement statement, int index, Object value)
            throws SQLException {
        switch (value) {
            case Typed typed -> statement.setObject(index, typed.value() instanceof Instant instant
                    ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : typed.value(), typed.sqlType());
            case SqlArray array -> {
                Array sqlArray = connection.createArrayOf(array.elementType(), array.values().toArray());
                statement.setArray(index, sqlArray);
            }
            case Instant instant -> statement.setObject(index, OffsetDateTime.ofInstant(instant, ZoneOffset.UTC));
            case null -> statement.setNull(index, Types.NULL);
            default -> statement.setObject(index, value);
        }
    }
}
