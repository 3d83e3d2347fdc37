package org.gdprsuite.subscription;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Persons put straight into the read models (as if their events had been applied), thousands at a time, for
 * mailings at scale: one statement per table. Addresses are kept as events before sealing carried them.
 */
record ReadModelRows(DataSource dataSource) {

    record Person(UUID id, String email) {}

    /** {@code count} persons of {@code category}, each {@code email(i)}; {@code restricted} for some. */
    List<Person> persons(String category, int count, String addressPrefix, boolean restricted) {
        List<Person> persons = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            persons.add(
                    new Person(UUID.randomUUID(), addressPrefix + "." + i + "." + UUID.randomUUID() + "@example.org"));
        }
        execute(
                "INSERT INTO contact_read_model (person_id, email, category, restricted, updated_at, created_at)"
                        + " SELECT p, e, ?, ?, now(), now() FROM unnest(?::uuid[], ?::text[]) AS u (p, e)",
                category,
                restricted,
                ids(persons),
                persons.stream().map(Person::email).toArray(String[]::new));
        return persons;
    }

    /** The decision of {@code purpose} for the persons; {@code reasons} the codes when not allowed. */
    void consent(List<Person> persons, String purpose, boolean allowed, String reasons) {
        execute(
                "INSERT INTO consent_read_model (person_id, purpose, allowed, since, reasons)"
                        + " SELECT p, ?, ?, now(), ? FROM unnest(?::uuid[]) AS u (p)"
                        + " ON CONFLICT (purpose, person_id) DO UPDATE SET allowed = EXCLUDED.allowed,"
                        + " reasons = EXCLUDED.reasons",
                purpose,
                allowed,
                reasons,
                ids(persons));
    }

    void subscribe(List<Person> persons, String type, boolean subscribed) {
        execute(
                "INSERT INTO subscription (person_id, type_key, subscribed, changed_at)"
                        + " SELECT p, ?, ?, now() FROM unnest(?::uuid[]) AS u (p)"
                        + " ON CONFLICT (type_key, person_id) DO UPDATE SET subscribed = EXCLUDED.subscribed",
                type,
                subscribed,
                ids(persons));
    }

    void restrict(Person person) {
        execute("UPDATE contact_read_model SET restricted = true WHERE person_id = ?", person.id());
    }

    /** A statement of the mailing's recipient rows (a crash simulated by the test). */
    int execute(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object parameter = parameters[i];
                if (parameter instanceof Object[] array) {
                    statement.setArray(i + 1, c.createArrayOf(array instanceof UUID[] ? "uuid" : "text", array));
                } else {
                    statement.setObject(i + 1, parameter);
                }
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    long count(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static UUID[] ids(List<Person> persons) {
        return persons.stream().map(Person::id).toArray(UUID[]::new);
    }
}
