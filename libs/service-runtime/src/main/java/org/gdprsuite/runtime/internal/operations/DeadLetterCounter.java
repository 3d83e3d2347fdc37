package org.gdprsuite.runtime.internal.operations;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Counts the records of topics from Kafka's offsets (the end offset minus the beginning offset of each partition),
 * without reading them, as the service's own principal: listing a topic's offsets takes the right to describe it,
 * which the right to write it includes (stack/kafka/acls.txt). One admin client, opened on first use.
 */
@ApplicationScoped
public class DeadLetterCounter {

    private static final Logger LOG = Logger.getLogger(DeadLetterCounter.class);

    /** Kafka's own keys (kafka.*: servers, security protocol, the service's SASL login), as the channels use them. */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaClient;

    private Admin admin;

    /**
     * The records of each topic, in the order given; empty for a topic that could not be counted within
     * {@code timeout} (Kafka away, the topic missing or not to be described by this principal).
     */
    public Map<String, Optional<Long>> count(Collection<String> topics, Duration timeout) {
        Map<String, Optional<Long>> counts = new LinkedHashMap<>();
        topics.forEach(topic -> counts.put(topic, Optional.empty()));
        if (topics.isEmpty()) {
            return counts;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        int timeoutMs = (int) Math.max(1, timeout.toMillis());
        Admin client = admin();
        Map<String, KafkaFuture<TopicDescription>> described = client.describeTopics(
                        topics, new DescribeTopicsOptions().timeoutMs(timeoutMs))
                .topicNameValues();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<String, List<TopicPartition>> partitions = new LinkedHashMap<>();
        for (String topic : topics) {
            try {
                List<TopicPartition> of =
                        described.get(topic).get(left(deadline), TimeUnit.NANOSECONDS).partitions().stream()
                                .map(p -> new TopicPartition(topic, p.partition()))
                                .toList();
                partitions.put(topic, of);
                of.forEach(p -> {
                    earliest.put(p, OffsetSpec.earliest());
                    latest.put(p, OffsetSpec.latest());
                });
            } catch (ExecutionException | TimeoutException e) {
                LOG.debugf("Dead-letter topic %s not counted: %s", topic, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return counts;
            }
        }
        if (partitions.isEmpty()) {
            return counts;
        }
        ListOffsetsOptions options = new ListOffsetsOptions().timeoutMs((int) Math.max(1, left(deadline) / 1_000_000));
        ListOffsetsResult starts = client.listOffsets(earliest, options);
        ListOffsetsResult ends = client.listOffsets(latest, options);
        for (Map.Entry<String, List<TopicPartition>> topic : partitions.entrySet()) {
            try {
                long records = 0;
                for (TopicPartition partition : topic.getValue()) {
                    long end = ends.partitionResult(partition)
                            .get(left(deadline), TimeUnit.NANOSECONDS)
                            .offset();
                    long start = starts.partitionResult(partition)
                            .get(left(deadline), TimeUnit.NANOSECONDS)
                            .offset();
                    records += Math.max(0, end - start);
                }
                counts.put(topic.getKey(), Optional.of(records));
            } catch (ExecutionException | TimeoutException e) {
                LOG.debugf("Dead-letter topic %s not counted: %s", topic.getKey(), e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return counts;
            }
        }
        return counts;
    }

    private static long left(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Properties config = new Properties();
            config.putAll(kafkaClient);
            config.put(AdminClientConfig.CLIENT_ID_CONFIG, "operations-report");
            admin = Admin.create(config);
        }
        return admin;
    }

    synchronized void close(@Observes ShutdownEvent event) {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
    }
}
