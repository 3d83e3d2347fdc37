package org.gdprsuite.erasure.domain;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Plain JDBC in the caller's transaction, for the stores: parameters bound by their Java type (an
 * {@link Instant} as timestamptz, a collection as a text array the statement casts, e.g. {@code ?::uuid[]},
 * a {@link JsonNode} as text for {@code ?::jsonb}, an enum by name), rows read by a mapper.
 */
@ApplicationScoped
public class Sql {

    /** Reads one row. */
    public interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    @Inject
    DataSource dataSource;

    public int update(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement statement = c.prepareStatement(sql)) {
            bind(c, statement, parameters);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Statement failed: " + e.getMessage(), e);
        }
    }

    /** A query, or a data-changing statement with RETURNING. */
    public <T> List<T> list(String sql, Row<T> row, Object... parameters) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement statement = c.prepareStatement(sql)) {
            bind(c, statement, parameters);
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(row.read(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + e.getMessage(), e);
        }
    }

    public <T> Optional<T> one(String sql, Row<T> row, Object... parameters) {
        return list(sql, row, parameters).stream().findFirst();
    }

    private static void bind(Connection c, PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            if (value instanceof Instant instant) {
                statement.setObject(i + 1, instant.atOffset(ZoneOffset.UTC));
            } else if (value instanceof Collection<?> values) {
                statement.setArray(
                        i + 1,
                        c.createArrayOf(
                                "text",
                                values.stream()
                                        .map(v -> v == null ? null : v.toString())
                                        .toArray()));
            } else if (value instanceof JsonNode || value instanceof Enum<?>) {
                statement.setString(i + 1, value instanceof Enum<?> e ? e.name() : value.toString());
            } else {
                statement.setObject(i + 1, value);
            }
        }
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime at = rs.getObject(column, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
    }

    public static UUID uuid(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, UUID.class);
    }

    /** A uuid[] column, read as text (the statement selects it {@code CAST(... AS text[])}). */
    public static List<UUID> uuids(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null
                ? List.of()
                : Arrays.stream((Object[]) array.getArray())
                        .map(v -> UUID.fromString(v.toString()))
                        .toList();
    }

    public static List<String> texts(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null
                ? List.of()
                : Arrays.stream((Object[]) array.getArray())
                        .map(Object::toString)
                        .toList();
    }
}
