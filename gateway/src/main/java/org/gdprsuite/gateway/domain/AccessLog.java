package org.gdprsuite.gateway.domain;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Accountability (Art. 30, 32): who — token subject and client — called which personal-data endpoint
 * about which person, with the answer's status. Append-only; the query string is not kept (it may hold
 * an email), only the path and the person id found in it.
 */
@ApplicationScoped
public class AccessLog {

    private static final Logger LOG = Logger.getLogger(AccessLog.class);
    private static final Pattern UUID_IN = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Inject
    DataSource dataSource;

    public record Call(String principal, String clientId, String method, String path, String personIdParameter,
            int status, String requestId) {
    }

    /** The person a call is about: the first id in the path, else the personId parameter. */
    public static UUID personOf(String path, String personIdParameter) {
        Matcher m = UUID_IN.matcher(path);
        String id = m.find() ? m.group() : personIdParameter;
        try {
            return id == null ? null : UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public void record(Call call) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO access_log (principal, client_id, method, path, status, request_id, person_id)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)) {
            insert.setString(1, call.principal());
            insert.setString(2, call.clientId());
            insert.setString(3, call.method());
            insert.setString(4, call.path().length() > 2000 ? call.path().substring(0, 2000) : call.path());
            insert.setInt(5, call.status());
            insert.setString(6, call.requestId());
            insert.setObject(7, personOf(call.path(), call.personIdParameter()));
            insert.executeUpdate();
        } catch (SQLException e) {
            // The call was answered already; the failure to log it is an operational alarm.
            LOG.errorf("Could not write the access log (request %s): %s", call.requestId(), e.getClass().getName());
        }
    }
}
