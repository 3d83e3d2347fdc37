package org.gdprsuite.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.gdprsuite.events.Topics;

/**
 * The decision load's population: {@code count} persons with consent states for the bench's purposes (as many
 * as the demo's five), so that the load asks about person × purpose pairs all over the table instead of one
 * cached row. Persons an earlier run left in consent-service (ingestion, decisions) are reused; the missing ones
 * get a consent for every purpose through {@code consent.inbound}, as any integrator's would.
 */
final class DecisionPersons {

    private DecisionPersons() {}

    static UUID[] ensure(Http http, int count, String runId) {
        IngestionBench.PURPOSES.forEach(p -> Fixtures.ensurePurpose(http, p));
        try (Connection consent = Db.connect("consent")) {
            List<UUID> persons = existing(consent, count);
            int missing = count - persons.size();
            if (missing > 0) {
                UUID[] fresh = IntStream.range(0, missing)
                        .mapToObj(i -> UUID.randomUUID())
                        .toArray(UUID[]::new);
                int events = missing * IngestionBench.PURPOSES.size();
                Bench.say("decision persons: " + persons.size() + " found, " + events + " consent events for " + missing
                        + " more (not measured)");
                consent(consent, fresh, events, "decision-" + runId);
                persons.addAll(List.of(fresh));
                // The consent.events these cause keep contact- and subscription-service busy for a while.
                Bench.say("decision persons ready, machine quiet after " + Settle.await(Bench.SETTLE_MAX));
            }
            return persons.toArray(UUID[]::new);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Announces {@code persons} to consent-service and records {@code events} consents for them through
     * {@code consent.inbound} (a purpose after the other, each person in turn), waiting until they are in.
     */
    static void consent(Connection consent, UUID[] persons, int events, String source) throws SQLException {
        Db.announceToConsentService(persons);
        IngestionBench.publish(
                Topics.CONSENT_INBOUND, source, persons, Instant.now().minus(Duration.ofDays(400)), events);
        try (PreparedStatement s =
                consent.prepareStatement("SELECT count(*) FROM consent_state WHERE person_id = ANY(?)")) {
            s.setArray(1, consent.createArrayOf("uuid", persons));
            SoakChecks.waitFor(() -> count(s), n -> n >= IngestionBench.unique(events));
        }
    }

    private static List<UUID> existing(Connection consent, int count) throws SQLException {
        try (PreparedStatement s =
                consent.prepareStatement("SELECT person_id FROM consent_state WHERE purpose_key = ? LIMIT ?")) {
            s.setString(1, IngestionBench.PURPOSES.get(0));
            s.setInt(2, count);
            List<UUID> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getObject(1, UUID.class));
                }
            }
            return out;
        }
    }

    private static long count(PreparedStatement s) {
        try (ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
