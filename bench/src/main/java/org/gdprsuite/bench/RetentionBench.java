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
 * person left, and the note gives the rate reached. An unmeasured sweep of a twentieth as many goes first.
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
        try (Connection contact = Db.connect("contact");
                Connection consent = Db.connect("consent");
                Connection erasure = Db.connect("erasure")) {
            // Not measured: a sweep of a twentieth as many first, as the DSR step's warm-up round. The first sweep
            // after a start also pays for every JVM compiling the erasure code (a fifth of its CPU, the JIT figure).
            int warmUp = Math.max(1, persons / 20);
            Swept warm = sweep(contact, consent, erasure, "retention-warm-up-" + runId, warmUp);
            Bench.say("retention warm-up: " + Report.number(warm.done()) + " of " + Report.number(warmUp)
                    + " swept in " + Report.number(warm.millis() / 1000) + " s (not measured), machine quiet after "
                    + Settle.await(Bench.SETTLE_MAX));
            Swept swept = sweep(contact, consent, erasure, "retention-" + runId, persons);
            long done = swept.done();
            String note = (done >= persons
                            ? "all " + Report.number(persons) + " erased over every participant"
                            : "NOT DONE within " + cap.toSeconds() + " s: " + Report.number(done) + " of "
                                    + Report.number(persons) + " ("
                                    + Report.number(done * 1000.0 / Math.max(1, swept.millis()))
                                    + "/s)")
                    + "; " + Errors.note(persons - done + swept.failed(), persons) + " (failed or not done)"
                    + "; after a warm-up sweep of " + Report.number(warmUp);
            String name = "retention sweep, " + Report.number(persons) + " persons"
                    + (persons == CARD_PERSONS
                            ? ""
                            : " (the card's figure is for " + Report.number(CARD_PERSONS) + ")");
            double target = 120_000.0 * persons / CARD_PERSONS;
            report.add(Errors.within(
                    new Figure(
                            name,
                            swept.millis() / 1000,
                            "s",
                            "≤ " + Report.number(target / 1000) + " s",
                            done >= persons && swept.millis() <= target,
                            swept.baselineMillis() / 1000,
                            "one set-based UPDATE",
                            note),
                    persons - done + swept.failed(),
                    persons));
            report.add(swept.used().figure("retention sweep of " + Report.number(persons), done, "erased person"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A sweep's outcome: from the sweep to the last completion, how many done and failed, the suite's CPU. */
    private record Swept(double millis, long done, long failed, double baselineMillis, SuiteCpu.Usage used) {}

    /** Loads {@code count} persons under {@code marker}, each with a consent, and sweeps them with a policy of its own. */
    private Swept sweep(Connection contact, Connection consent, Connection erasure, String marker, int count)
            throws SQLException {
        // Created long ago with no activity since; loaded with JDBC (100,000 POSTs would take minutes).
        // Only persons older than the policy's 600 months match, so no one else's data is swept.
        UUID[] ids = loadPersons(contact, marker, count);
        // Each with a consent, so that consent-service and the read models of subscription- and contact-service
        // hold something of every person to erase (not measured).
        Bench.say("retention: " + Report.number(count) + " persons loaded, a consent each through consent.inbound");
        DecisionPersons.consent(consent, ids, count, marker);
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
        } while (done < count && System.nanoTime() < deadline);
        SuiteCpu.Usage used = cpu.sample().since(before);
        long lastMs = Db.number(
                erasure,
                "SELECT coalesce((extract(epoch FROM max(completed_at)) * 1000)::bigint, 0)"
                        + " FROM dsr_request WHERE details = ? AND status IN " + FINAL,
                details);
        long failed =
                Db.number(erasure, "SELECT count(*) FROM dsr_request WHERE details = ? AND status = 'FAILED'", details);
        return new Swept(done == 0 ? cap.toMillis() : lastMs - start, done, failed, baselineMs, used);
    }

    private static UUID[] loadPersons(Connection contact, String marker, int persons) throws SQLException {
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
