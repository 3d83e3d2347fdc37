package org.gdprsuite.runtime.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Binds rows as one array parameter per column, for a statement that writes them all at once
 * ({@code INSERT ... SELECT * FROM unnest(?::uuid[], ?::text[], ...)}): one round trip however many rows.
 * Each array is text (a value's {@code toString()}, null stays null); the statement casts it to the column's type.
 */
public final class ArrayColumns {

    private ArrayColumns() {}

    /** Writes {@code rows} with {@code sql} in one statement, in the caller's transaction; no rows, no statement. */
    public static <T> void executeUpdate(
            DataSource dataSource, String sql, List<T> rows, List<Function<T, Object>> columns) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, rows, columns);
            statement.executeUpdate();
        }
    }

    /** Binds {@code columns} of {@code rows} to the statement's parameters 1..n, in order. */
    public static <T> void bind(PreparedStatement statement, List<T> rows, List<Function<T, Object>> columns)
            throws SQLException {
        Connection connection = statement.getConnection();
        for (int i = 0; i < columns.size(); i++) {
            Function<T, Object> column = columns.get(i);
            statement.setArray(
                    i + 1,
                    connection.createArrayOf(
                            "text",
                            rows.stream()
                                    .map(column)
                                    .map(value -> value == null ? null : value.toString())
                                    .toArray()));
        }
    }
}
