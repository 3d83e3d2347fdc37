package org.gdprsuite.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static org.gdprsuite.bench.SoakChecks.DRAIN_CAP;
import static org.gdprsuite.bench.SoakChecks.count;

/** The soak's erasure requests, approved by the DPO, and afterwards whether each completed exactly once. */
final class SoakErasures {

    private final Http http;
    private final List<UUID> erasures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong erasureErrors = new AtomicLong();

    SoakErasures(Http http) {
        this.http = http;
    }

    /** One erasure of a fresh person; a failure is counted, it does not stop the soak. */
    void requestOne() {
        try {
            UUID person = Fixtures.person(http, "soak-erase");
            erasures.addAll(new Requests(http).takeAndApprove("ERASURE", List.of(person)));
        } catch (RuntimeException e) {
            erasureErrors.incrementAndGet();
        }
    }

    void check(Report report) {
        List<UUID> ids = List.copyOf(erasures);
        try (Connection erasure = Db.connect("erasure")) {
            List<Requests.Outcome> done = Requests.await(erasure, ids, DRAIN_CAP);
            long completed = done.stream().filter(Requests.Outcome::ok).count();
            List<Double> millis = done.stream()
                    .filter(Requests.Outcome::ok)
                    .map(Requests.Outcome::millis)
                    .toList();
            report.add(count(
                    "erasure requests not completed",
                    ids.size() - completed,
                    0,
                    Report.number(completed)
                            + " of " + ids.size() + " completed over every participant, p50 "
                            + Report.number(Requests.percentile(millis, 50)) + " ms, p99 "
                            + Report.number(Requests.percentile(millis, 99)) + " ms; " + erasureErrors.get()
                            + " could not be requested"));
            long twice = Db.number(
                    erasure,
                    "SELECT count(*) FROM (SELECT request_id FROM dsr_audit WHERE request_id = ANY(?)"
                            + " AND action = 'completed' GROUP BY request_id HAVING count(*) > 1) t",
                    erasure.createArrayOf("uuid", ids.toArray()));
            report.add(count("erasure requests completed twice", twice, 0, "audit trail"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
