package org.gdprsuite.runtime.toy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Plain JDBC on the toy tables; joins the caller's transaction like any service code. */
@ApplicationScoped
public class ToyStore {

    @Inject
    DataSource dataSource;

    public void addNote(UUID personId, String body) {
        update("INSERT INTO toy_note (id, person_id, body) VALUES (?, ?, ?)", UUID.randomUUID(), personId, body);
    }

    public List<String> notes(UUID personId) {
        return strings("SELECT body FROM toy_note WHERE person_id = ? AND body IS NOT NULL ORDER BY body", personId);
    }

    public int anonymize(UUID personId) {
        return update(
                "UPDATE toy_note SET body = NULL, anonymized = true WHERE person_id = ? AND NOT anonymized", personId);
    }

    public void effect(String kind, String ref) {
        update("INSERT INTO toy_effect (kind, ref) VALUES (?, ?)", kind, ref);
    }

    public List<String> effects(String kind) {
        return strings("SELECT ref FROM toy_effect WHERE kind = ? ORDER BY id", kind);
    }

    public long count(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = prepare(c, sql, args);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<String> strings(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = prepare(c, sql, args);
                ResultSet rs = ps.executeQuery()) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }
}
