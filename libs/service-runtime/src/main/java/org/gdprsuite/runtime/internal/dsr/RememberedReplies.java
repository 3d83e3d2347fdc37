package org.gdprsuite.runtime.internal.dsr;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The replies a participant gave to the commands it carried out ({@code dsr_command_reply}), in the transaction of
 * their effect: a redelivered command is answered with them again and changes nothing. Looked up {@code FOR UPDATE},
 * so the same command delivered twice at once waits for the first to commit.
 */
@ApplicationScoped
class RememberedReplies {

    @Inject
    DataSource dataSource;

    @Inject
    ObjectMapper json;

    /** The remembered reply of each of {@code commandIds} that has one, as stored. */
    Map<String, String> find(Collection<String> commandIds) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT command_id, reply FROM dsr_command_reply WHERE command_id = ANY(?) FOR UPDATE")) {
            select.setArray(1, connection.createArrayOf("varchar", commandIds.toArray()));
            Map<String, String> found = new HashMap<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getString(2));
                }
            }
            return found;
        }
    }

    void remember(String commandId, UUID requestId, Object reply) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO dsr_command_reply (command_id, request_id, reply) VALUES (?, ?, ?)")) {
            insert.setString(1, commandId);
            insert.setObject(2, requestId);
            insert.setString(3, json.writeValueAsString(reply));
            insert.executeUpdate();
        }
    }

    <T> T read(String stored, Class<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (Exception e) {
            throw new IllegalStateException("Unreadable remembered DSR reply", e);
        }
    }
}
