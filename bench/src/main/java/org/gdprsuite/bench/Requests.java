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
import java.util.function.BiFunction;

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
        List<UUID> ids = take(type, persons);
        approveInOneBurst(ids);
        return ids;
    }

    /** Takes one request per person (four DPO desks in parallel), not yet approved; returns the ids. */
    List<UUID> take(String type, List<UUID> persons) {
        return inParallel(
                4,
                persons,
                (person, token) -> UUID.fromString(http.post(
                                "/api/requests",
                                token,
                                Map.of("type", type, "personIds", List.of(person), "details", "benchmark"),
                                201)
                        .get("id")
                        .asText()));
    }

    /**
     * Approves every request at once: one thread each, released together, so that they are in flight together
     * (the card's "100 approved at once"). Returns how long the burst took, first sent to last answered, in ms.
     */
    double approveInOneBurst(List<UUID> ids) {
        long start = System.nanoTime();
        inParallel(ids.size(), ids, (id, token) -> http.post("/api/requests/" + id + "/approval", token, null, 200));
        return (System.nanoTime() - start) / 1e6;
    }

    /** {@code call} for each item on {@code threads} threads, each with a DPO token fetched before the start. */
    private static <T, R> List<R> inParallel(int threads, List<T> items, BiFunction<T, String, R> call) {
        ExecutorService desks = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, items.size())));
        try {
            String token = Tokens.of(DemoUser.DPO);
            List<Future<R>> results = new ArrayList<>();
            for (T item : items) {
                results.add(desks.submit(() -> call.apply(item, token)));
            }
            List<R> out = new ArrayList<>();
            for (Future<R> result : results) {
                out.add(result.get());
            }
            return out;
        } catch (Exception e) {
            throw new IllegalStateException("Could not take or approve the requests", e);
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

    /** Every request's latency, and how many of them did not complete. */
    record Latencies(List<Double> millis, long errors) {
        long sent() {
            return millis.size();
        }
    }

    /**
     * Every request of {@code sent} counted: a finished one from approval to its end (a failed one at the time it
     * failed, and an error), one not finished within {@code cap} at the cap (an error).
     */
    static Latencies latencies(List<Outcome> finished, int sent, Duration cap) {
        List<Double> millis = new ArrayList<>();
        long errors = 0;
        for (Outcome o : finished) {
            millis.add(o.millis());
            errors += o.ok() ? 0 : 1;
        }
        for (int i = finished.size(); i < sent; i++) {
            millis.add((double) cap.toMillis());
            errors++;
        }
        return new Latencies(millis, errors);
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
