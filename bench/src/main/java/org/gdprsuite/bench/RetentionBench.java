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
 * every participant. Baseline: anonymizing the same rows with one SQL UPDATE (on a copy), the floor of
 * doing it without events, fan-out or per-service slices. If the sweep takes longer than {@code cap}, the
 * total is projected from the share done and the note says so.
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
                Connection erasure = Db.connect("erasure")) {
            // Created long ago with no activity since; loaded with JDBC (100,000 POSTs would take minutes).
            // Only persons older than the policy's 600 months match, so no one else's data is swept.
            loadPersons(contact, marker);
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
            boolean all = done >= persons;
            double total = all ? elapsed : done == 0 ? Double.POSITIVE_INFINITY : elapsed * persons / done;
            String note = all
                    ? "all " + Report.number(persons) + " erased over every participant"
                    : "PROJECTED: " + Report.number(done) + " of " + Report.number(persons) + " done in "
                            + cap.toSeconds() + " s (" + Report.number(done * 1000.0 / Math.max(1, elapsed)) + "/s)";
            // The card's figure is for 100,000 persons; a smaller run (to stay within the bench's time) is
            // scaled linearly, which flatters the suite if anything (queues grow with the population).
            double scale = CARD_PERSONS / (double) persons;
            String name = "retention sweep, " + Report.number(CARD_PERSONS) + " persons"
                    + (persons == CARD_PERSONS ? "" : " (projected from " + Report.number(persons) + ")");
            report.add(Errors.within(
                    new Figure(
                            name,
                            total * scale / 1000,
                            "s",
                            "≤ 120 s",
                            total * scale <= 120_000,
                            baselineMs * scale / 1000,
                            "one SQL UPDATE",
                            note + "; " + Errors.note(persons - done + failed, persons) + " (failed or not done)"),
                    persons - done + failed,
                    persons));
            report.add(used.figure("retention sweep of " + Report.number(persons), done, "erased person"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void loadPersons(Connection contact, String marker) throws SQLException {
        contact.setAutoCommit(false);
        try (PreparedStatement insert = contact.prepareStatement("""
                INSERT INTO person (id, first_name, last_name, email, created_at, source, category)
                VALUES (?, 'Bench', ?, ?, ?, ?, 'PROSPECT')""")) {
            Timestamp longAgo = Timestamp.from(Instant.parse("1970-01-01T00:00:00Z"));
            for (int i = 0; i < persons; i++) {
                insert.setObject(1, UUID.randomUUID());
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
    }

    /** One UPDATE that masks the same fields on a temporary copy of the same rows. */
    private static double sqlFloor(Connection contact, String marker) {
        Db.execute(
                contact, "CREATE TEMP TABLE bench_retention AS SELECT * FROM person WHERE source = '" + marker + "'");
        long start = System.nanoTime();
        Db.execute(
                contact,
                "UPDATE bench_retention SET first_name = NULL, last_name = md5(last_name), "
                        + "email = NULL, phone = NULL, street = NULL, city = NULL, anonymized_at = now()");
        double millis = Duration.ofNanos(System.nanoTime() - start).toNanos() / 1e6;
        Db.execute(contact, "DROP TABLE bench_retention");
        return millis;
    }
}
