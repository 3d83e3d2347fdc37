package org.gdprsuite.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Access export for a person with many activities: approval → bundle ready (the request completes when
 * the bundle is assembled). Baseline: the same export for a person with no activity.
 */
final class ExportBench {

    private static final Duration CAP = Duration.ofMinutes(2);

    private final Http http;
    private final SuiteCpu cpu;
    private final int activities;

    ExportBench(Http http, SuiteCpu cpu, int activities) {
        this.http = http;
        this.cpu = cpu;
        this.activities = activities;
    }

    void run(Report report) {
        UUID busy = Fixtures.person(http, "export-busy");
        UUID quiet = Fixtures.person(http, "export-quiet");
        try (Connection contact = Db.connect("contact");
                Connection erasure = Db.connect("erasure")) {
            // Loaded with JDBC: 10,000 POSTs would measure the activity API, not the export.
            addActivities(contact, busy, activities);
            Requests requests = new Requests(http);
            double floor = exportMillis(requests, erasure, quiet);
            SuiteCpu.Sample before = cpu.sample();
            double millis = exportMillis(requests, erasure, busy);
            SuiteCpu.Usage used = cpu.sample().since(before);
            report.add(Figure.latency(
                    "access export, " + Report.number(activities) + " activities",
                    millis,
                    5000.0,
                    floor,
                    "no activity",
                    (Double.isNaN(millis) ? "NOT READY within " + CAP.toMinutes() + " min; " : "")
                            + "approval → bundle ready; activities loaded with JDBC"));
            report.add(used.figure("access export, " + Report.number(activities) + " activities", 1, "export"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double exportMillis(Requests requests, Connection erasure, UUID person) {
        List<UUID> ids = requests.takeAndApprove("ACCESS", List.of(person));
        List<Requests.Outcome> done = Requests.await(erasure, ids, CAP);
        return done.isEmpty() || !done.get(0).ok() ? Double.NaN : done.get(0).millis();
    }

    private static void addActivities(Connection contact, UUID person, int count) throws SQLException {
        contact.setAutoCommit(false);
        try (PreparedStatement insert = contact.prepareStatement("""
                INSERT INTO activity (id, person_id, type, subject, body, occurred_at, created_by)
                VALUES (?, ?, ?, ?, ?, ?, 'bench')""")) {
            String[] types = {"CALL", "MEETING", "EMAIL", "NOTE", "TICKET"};
            Instant start = Instant.now().minus(Duration.ofDays(365));
            for (int i = 0; i < count; i++) {
                insert.setObject(1, UUID.randomUUID());
                insert.setObject(2, person);
                insert.setString(3, types[i % types.length]);
                insert.setString(4, "Benchmark activity " + i);
                insert.setString(5, "A note of average length about a call, a meeting or a ticket, number " + i + ".");
                insert.setTimestamp(6, Timestamp.from(start.plusSeconds(i * 60L)));
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        contact.commit();
        contact.setAutoCommit(true);
    }
}
