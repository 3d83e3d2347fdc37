package org.gdprsuite.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;

/**
 * What the soak's end-of-run checks share: how long they wait for the suite to catch up and the figure of an
 * exact count; and the checks on the suite as a whole, outboxes and dead letters.
 */
final class SoakChecks {

    static final Duration DRAIN_CAP = Duration.ofMinutes(5);

    private static final List<String> PARTICIPANTS = List.of("contact", "consent", "subscription", "incident");

    private SoakChecks() {}

    /** Every state change's event must have left its service's outbox. */
    static void checkOutboxes(Report report) {
        List<String> databases = new ArrayList<>(PARTICIPANTS);
        databases.add("erasure");
        for (String database : databases) {
            try (Connection db = Db.connect(database)) {
                long unsent = waitFor(() -> Db.number(db, "SELECT count(*) FROM outbox_event"), n -> n == 0);
                report.add(count("outbox rows unsent: " + database + "-service", unsent, 0, "after the load"));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The end offset of every dead-letter topic there is. */
    static Map<String, Long> deadLetters() {
        try (Admin admin = Admin.create(IngestionBench.kafka())) {
            Map<String, Long> ends = new TreeMap<>();
            for (String topic : admin.listTopics().names().get()) {
                if (topic.endsWith(".dlq")) {
                    ends.put(topic, IngestionBench.endOffsets(topic));
                }
            }
            return ends;
        } catch (Exception e) {
            throw new IllegalStateException("Could not read the dead-letter topics", e);
        }
    }

    /** A count that must come out exactly as expected: anything else is lost or duplicated work. */
    static Figure count(String name, long value, long expected, String note) {
        return new Figure(name, value, "", "= " + expected, value == expected, null, null, note);
    }

    /** Polls {@code value} until {@code done} or the drain cap passes; returns the last value. */
    static long waitFor(Supplier<Long> value, LongPredicate done) {
        long deadline = System.nanoTime() + DRAIN_CAP.toNanos();
        long last = value.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            Requests.sleep(2000);
            last = value.get();
        }
        return last;
    }
}
