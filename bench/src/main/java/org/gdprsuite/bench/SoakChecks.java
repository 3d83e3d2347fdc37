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
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.common.TopicPartition;

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

    /**
     * Scale-out: in every consumer group of the suite, each topic's partitions are held by as many consumers as
     * there are instances of the service (every topic has more partitions than instances), so the instances share
     * the work instead of one idling in reserve. The figure is the fewest holders of any group's topic.
     */
    static void checkPartitionsShared(Report report, int instances) {
        try (Admin admin = Admin.create(IngestionBench.kafka())) {
            List<String> groups = admin.listConsumerGroups().all().get().stream()
                    .map(ConsumerGroupListing::groupId)
                    .filter(g -> g.endsWith("-service"))
                    .toList();
            Map<String, Long> holders = new TreeMap<>();
            for (ConsumerGroupDescription group :
                    admin.describeConsumerGroups(groups).all().get().values()) {
                group.members()
                        .forEach(member -> member.assignment().topicPartitions().stream()
                                .map(TopicPartition::topic)
                                .distinct()
                                .forEach(topic -> holders.merge(group.groupId() + " " + topic, 1L, Long::sum)));
            }
            long fewest =
                    holders.values().stream().mapToLong(Long::longValue).min().orElse(0);
            String fewer = holders.entrySet().stream()
                    .filter(e -> e.getValue() < instances)
                    .map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            report.add(count(
                    "consumers holding each topic's partitions (fewest)",
                    fewest,
                    instances,
                    holders.size() + " group × topic pairs of " + groups.size() + " groups"
                            + (fewer.isEmpty() ? "" : "; fewer: " + fewer)));
        } catch (Exception e) {
            throw new IllegalStateException("Could not describe the consumer groups", e);
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
