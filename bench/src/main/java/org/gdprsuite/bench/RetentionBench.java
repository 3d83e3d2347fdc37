package org.gdprsuite.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.Tokens;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Retention sweep: {@code persons} persons inactive for longer than a policy allows are swept; the figure
 * is the time from the sweep until erasure-service has completed the erasure of every one of them over
 * every participant. Baseline: the same masking of the same rows by one set-based UPDATE (rolled back). The
 * card's figure is for 100,000 persons, the default; a sweep not done within {@code cap} is an error for each
 * person left, and the note gives the rate reached.
 */
final class RetentionBench {

    private static final int CARD_PERSONS = 100_000;
    private static final String FINAL = "('COMPLETED', 'PARTIALLY_COMPLETED', 'FAILED')";

    private final Http http;
    private final int persons;
    private final Duration cap;
    private final SuiteCpu cpu;

    RetentionBench(Http http, SuiteCpu cpu, int persons, Duration cap) {
        this.http = http;
        this.cpu = cpu;
        this.persons = persons;
        this.cap = cap;
    }

    void run(Report report, String runId) {
        String marker = "retention-" + runId;
        try (Connection contact = Db.connect("contact");
                Connection consent = Db.connect("consent");
                Connection erasure = Db.connect("erasure")) {
            // Created long ago with no activity since; loaded with JDBC (100,000 POSTs would take minutes).
            // Only persons older than the policy's 600 months match, so no one else's data is swept.
            UUID[] ids = loadPersons(contact, marker);
            // Each with a consent, so that consent-service and the read models of subscription- and contact-service
            // hold something of every person to erase (not measured).
            Bench.say(
                    "retention: " + Report.number(persons) + " persons loaded, a consent each through consent.inbound");
            DecisionPersons.consent(consent, ids, persons, marker);
            Bench.say("retention: consents in, machine quiet after " + Settle.await(Bench.SETTLE_MAX));
            double baselineMs = sqlFloor(contact, marker);
            String token = Tokens.of(DemoUser.DPO);
            JsonNode policy = http.post(
                    "/api/contacts/retention/policies",
                    token,
                    Map.of("name", "bench " + marker, "inactiveMonths", 600, "enabled", false),
                    201);
            // erasure-service carries a sweep out only for a policy the DPO approved there with its criteria.
            http.post(
                    "/api/requests/retention-policies/" + policy.get("id").asText() + "/approval",
                    token,
                    Map.of("inactiveMonths", 600),
                    200);
            double start = Db.number(erasure, "SELECT (extract(epoch FROM now()) * 1000)::bigint");
            SuiteCpu.Sample before = cpu.sample();
            http.post("/api/contacts/retention/policies/" + policy.get("id").asText() + "/sweeps", token, null, 200);
            String details = "retention policy bench " + marker;
            long deadline = System.nanoTime() + cap.toNanos();
            long done;
            do {
                Requests.sleep(2000);
                done = Db.number(
                        erasure, "SELECT count(*) FROM dsr_request WHERE details = ? AND status IN " + FINAL, details);
            } while (done < persons && System.nanoTime() < deadline);
            SuiteCpu.Usage used = cpu.sample().since(before);
            long lastMs = Db.number(
                    erasure,
                    "SELECT coalesce((extract(epoch FROM max(completed_at)) * 1000)::bigint, 0)"
                            + " FROM dsr_request WHERE details = ? AND status IN " + FINAL,
                    details);
            long failed = Db.number(
                    erasure, "SELECT count(*) FROM dsr_request WHERE details = ? AND status = 'FAILED'", details);
            double elapsed = done == 0 ? cap.toMillis() : lastMs - start;
            String note = (done >= persons
                            ? "all " + Report.number(persons) + " erased over every participant"
                            : "NOT DONE within " + cap.toSeconds() + " s: " + Report.number(done) + " of "
                                    + Report.number(persons) + " ("
                                    + Report.number(done * 1000.0 / Math.max(1, elapsed))
                                    + "/s)")
                    + "; " + Errors.note(persons - done + failed, persons) + " (failed or not done)";
            String name = "retention sweep, " + Report.number(persons) + " persons"
                    + (persons == CARD_PERSONS
                            ? ""
                            : " (the card's figure is for " + Report.number(CARD_PERSONS) + ")");
            double target = 120_000.0 * persons / CARD_PERSONS;
            report.add(Errors.within(
                    new Figure(
                            name,
                            elapsed / 1000,
                            "s",
                            "≤ " + Report.number(target / 1000) + " s",
                            done >= persons && elapsed <= target,
                            baselineMs / 1000,
                            "one set-based UPDATE",
                            note),
                    persons - done + failed,
                    persons));
            report.add(used.figure("retention sweep of " + Report.number(persons), done, "erased person"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private UUID[] loadPersons(Connection contact, String marker) throws SQLException {
        UUID[] ids = new UUID[persons];
        contact.setAutoCommit(false);
        try (PreparedStatement insert = contact.prepareStatement("""
                INSERT INTO person (id, first_name, last_name, email, created_at, source, category)
                VALUES (?, 'Bench', ?, ?, ?, ?, 'PROSPECT')""")) {
            Timestamp longAgo = Timestamp.from(Instant.parse("1970-01-01T00:00:00Z"));
            for (int i = 0; i < persons; i++) {
                ids[i] = UUID.randomUUID();
                insert.setObject(1, ids[i]);
                insert.setString(2, "Person" + i);
                insert.setString(3, "p" + i + "@" + marker + ".bench.invalid");
                insert.setTimestamp(4, longAgo);
                insert.setString(5, marker);
                insert.addBatch();
                if (i % 5000 == 4999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        contact.commit();
        contact.setAutoCommit(true);
        return ids;
    }

    /**
     * The same masking as contact-service's erasure (its PersonField maskings), done by one set-based UPDATE of the
     * same rows on the real table with its indexes and triggers, in a transaction that is rolled back: the floor of
     * erasing them without events, fan-out or per-service slices, and the swept persons stay as they were.
     */
    private static double sqlFloor(Connection contact, String marker) throws SQLException {
        contact.setAutoCommit(false);
        try (PreparedStatement mask = contact.prepareStatement("""
                UPDATE person SET first_name = 'Anonymized', last_name = 'pseudonym-' || md5(id::text),
                  email = 'anonymized@' || split_part(email, '@', 2), phone = NULL, street = NULL, postal_code = NULL,
                  city = NULL, organisation_id = NULL, job_title = NULL, custom_fields = NULL, national_id = NULL,
                  bank_account = NULL, birth_date = NULL, health_notes = NULL, restricted = false,
                  anonymized_at = now(), updated_at = now()
                WHERE source = ? AND anonymized_at IS NULL
                  AND coalesce(last_activity_at, created_at) < now() - interval '600 months'""")) {
            mask.setString(1, marker);
            long start = System.nanoTime();
            mask.executeUpdate();
            return (System.nanoTime() - start) / 1e6;
        } finally {
            contact.rollback();
            contact.setAutoCommit(true);
        }
    }
}
