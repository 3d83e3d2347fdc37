package org.gdprsuite.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gdprsuite.events.EventCodec;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Reads and writes real Kafka topics from tests, as an outside system would (logged in as the admin, who may read
 * and write every topic: the tests' eyes and hands, not a service). A test waits on a condition
 * ({@link #awaitRecords}, {@link #awaitRecord}, {@link #awaitRecordsAfter}: "until this, at most N seconds"), never
 * reads for a fixed time and counts what came; {@link #count} tells how many records a topic holds at once.
 */
public final class KafkaProbe {

    private KafkaProbe() {}

    /** Sends records (key, value) in order and waits until the broker has them. */
    public static void send(String topic, List<Map.Entry<String, String>> records) {
        Map<String, Object> config = SuiteKafka.as(SuiteKafka.ADMIN);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
                EventCodec.MAX_STRING_CHARS); // records as large as the bus takes
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (Map.Entry<String, String> record : records) {
                sent.add(producer.send(new ProducerRecord<>(topic, record.getKey(), record.getValue())));
            }
            producer.flush();
            for (Future<RecordMetadata> one : sent) {
                one.get(); // a record the broker refused fails the test here, not as a time-out later
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused a record for " + topic, e.getCause());
        }
    }

    public static void send(String topic, String key, String value) {
        send(topic, List.of(Map.entry(key, value)));
    }

    /**
     * Reads {@code topic} from the beginning until the records read so far satisfy {@code done}, or
     * the timeout passes; returns what was read.
     */
    public static List<ConsumerRecord<String, String>> readUntil(
            String topic, Predicate<List<ConsumerRecord<String, String>>> done, Duration timeout) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            return read(consumer, done, timeout);
        }
    }

    /**
     * Reads {@code topic} from the beginning until the records read satisfy {@code done}, at most
     * {@code atMost}; fails if they do not by then, else returns what was read.
     */
    public static List<ConsumerRecord<String, String>> awaitRecords(
            String topic, Predicate<List<ConsumerRecord<String, String>>> done, Duration atMost) {
        return checked(topic, readUntil(topic, done, atMost), done, atMost);
    }

    /** The first record of {@code topic} that matches, waiting at most {@code atMost} for it. */
    public static ConsumerRecord<String, String> awaitRecord(
            String topic, Predicate<ConsumerRecord<String, String>> match, Duration atMost) {
        return awaitRecords(topic, read -> read.stream().anyMatch(match), atMost).stream()
                .filter(match)
                .findFirst()
                .orElseThrow();
    }

    /** Where a topic ends at one moment, per partition: records written after it are new to a test. */
    public record Mark(String topic, Map<TopicPartition, Long> ends) {}

    /** The end of every partition of {@code topic} now. */
    public static Mark mark(String topic) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            return new Mark(topic, Map.copyOf(consumer.endOffsets(partitions(consumer, topic))));
        }
    }

    /**
     * Reads what was written to the mark's topic after the mark, until it satisfies {@code done}, at most
     * {@code atMost}; fails if it does not by then, else returns it.
     */
    public static List<ConsumerRecord<String, String>> awaitRecordsAfter(
            Mark mark, Predicate<List<ConsumerRecord<String, String>>> done, Duration atMost) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            consumer.assign(mark.ends().keySet());
            mark.ends().forEach(consumer::seek);
            return checked(mark.topic(), read(consumer, done, atMost), done, atMost);
        }
    }

    /** The records {@code topic} holds now (from the start to the end of each partition), without reading them. */
    public static long count(String topic) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions);
            return consumer.endOffsets(partitions).entrySet().stream()
                    .mapToLong(end -> end.getValue() - starts.get(end.getKey()))
                    .sum();
        }
    }

    /**
     * For what must not happen: fails as soon as a record of {@code topic} matching {@code match} is read, and
     * passes when none came within {@code window}.
     */
    public static void assertNoneWithin(
            String topic, Predicate<ConsumerRecord<String, String>> match, Duration window) {
        List<ConsumerRecord<String, String>> read =
                readUntil(topic, r -> r.stream().anyMatch(match), window);
        read.stream()
                .filter(match)
                .findFirst()
                .ifPresent(r -> fail("unexpected record on " + topic + " (key " + r.key() + "): " + r.value()));
    }

    private static KafkaConsumer<String, String> consumer() {
        Map<String, Object> config = SuiteKafka.as(SuiteKafka.ADMIN);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer, String topic) {
        return consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
    }

    private static List<ConsumerRecord<String, String>> read(
            KafkaConsumer<String, String> consumer,
            Predicate<List<ConsumerRecord<String, String>>> done,
            Duration timeout) {
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (!done.test(read) && Instant.now().isBefore(deadline)) {
            consumer.poll(Duration.ofMillis(200)).forEach(read::add);
        }
        return read;
    }

    private static List<ConsumerRecord<String, String>> checked(
            String topic,
            List<ConsumerRecord<String, String>> read,
            Predicate<List<ConsumerRecord<String, String>>> done,
            Duration atMost) {
        if (!done.test(read)) {
            fail("the awaited records did not come on " + topic + " within " + atMost + " (" + read.size()
                    + " records read)");
        }
        return read;
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
