package org.gdprsuite.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.Tokens;

/**
 * Data-subject requests as the DPO takes them (POST /api/requests, approval), and their outcome read
 * from erasure-service's own timestamps: approved_at → completed_at is the latency of the fan-out over
 * every participant, free of the bench's polling interval.
 */
final class Requests {

    /** One finished request: how long from approval to completion, and whether every slice was done. */
    record Outcome(UUID id, String status, double millis) {
        boolean ok() {
            return status.equals("COMPLETED") || status.equals("PARTIALLY_COMPLETED");
        }
    }

    private final Http http;

    Requests(Http http) {
        this.http = http;
    }

    /** Takes and approves one request per person (in parallel, as several DPO desks would), returns the ids. */
    List<UUID> takeAndApprove(String type, List<UUID> persons) {
        ExecutorService desks = Executors.newFixedThreadPool(4);
        try {
            List<Future<UUID>> ids = new ArrayList<>();
            for (UUID person : persons) {
                ids.add(desks.submit(() -> {
                    String token = Tokens.of(DemoUser.DPO);
                    UUID id = UUID.fromString(http.post(
                                    "/api/requests",
                                    token,
                                    Map.of("type", type, "personIds", List.of(person), "details", "benchmark"),
                                    201)
                            .get("id")
                            .asText());
                    http.post("/api/requests/" + id + "/approval", token, null, 200);
                    return id;
                }));
            }
            List<UUID> out = new ArrayList<>();
            for (Future<UUID> id : ids) {
                out.add(id.get());
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("Could not take the requests", e);
        } finally {
            desks.shutdown();
        }
    }

    /** Waits until every request is final (or {@code cap} passes) and returns the finished ones. */
    static List<Outcome> await(Connection erasure, List<UUID> ids, Duration cap) {
        long deadline = System.nanoTime() + cap.toNanos();
        while (true) {
            List<Outcome> done = finished(erasure, ids);
            if (done.size() == ids.size() || System.nanoTime() > deadline) {
                return done;
            }
            sleep(200);
        }
    }

    static List<Outcome> finished(Connection erasure, List<UUID> ids) {
        try (PreparedStatement s = erasure.prepareStatement("""
                SELECT id, status, extract(epoch FROM completed_at - approved_at) * 1000 FROM dsr_request
                WHERE id = ANY(?) AND status IN ('COMPLETED', 'PARTIALLY_COMPLETED', 'FAILED', 'REJECTED')
                """)) {
            s.setArray(1, erasure.createArrayOf("uuid", ids.toArray()));
            List<Outcome> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(new Outcome(r.getObject(1, UUID.class), r.getString(2), r.getDouble(3)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static double percentile(List<Double> values, double p) {
        List<Double> sorted = values.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
