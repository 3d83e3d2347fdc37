package org.gdprsuite.testsupport;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.gdprsuite.events.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The suite's bus as an attacker on the network meets it, on the real broker and its production rights
 * (stack/kafka/acls.txt): without logging in nothing is written or read, and a service's principal writes only
 * its own topics. The suite's topics are only asked about (or refused a write): nothing lands on them.
 */
class KafkaBusSecurityTest {

    private static final Duration REFUSAL_WITHIN = Duration.ofSeconds(5);

    @BeforeAll
    static void stackIsUp() {
        SuiteStack.ensureRunning();
    }

    @Test
    void aClientThatDoesNotLogInCanNeitherProduceNorRead() {
        Map<String, Object> producerConfig = SuiteKafka.unauthenticated();
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, REFUSAL_WITHIN.toMillis());
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            assertThrows(
                    Exception.class,
                    () -> producer.send(new ProducerRecord<>(Topics.CONTACT_EVENTS, "k", "{}"))
                            .get(REFUSAL_WITHIN.toSeconds() * 2, TimeUnit.SECONDS));
        }
        Map<String, Object> consumerConfig = SuiteKafka.unauthenticated();
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "intruder-" + UUID.randomUUID());
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            assertThrows(
                    org.apache.kafka.common.errors.TimeoutException.class,
                    () -> consumer.partitionsFor(Topics.NOTIFICATION_REQUESTS, REFUSAL_WITHIN));
            consumer.subscribe(List.of(Topics.NOTIFICATION_REQUESTS));
            assertTrue(consumer.poll(REFUSAL_WITHIN).isEmpty());
        }
    }

    @Test
    void aWrongPasswordIsRefused() {
        Map<String, Object> config = SuiteKafka.as("contact-service");
        config.put(
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"contact-service\""
                        + " password=\"guessed\";");
        try (Admin admin = Admin.create(config)) {
            ExecutionException refused = assertThrows(
                    ExecutionException.class, () -> admin.listTopics().names().get());
            assertInstanceOf(SaslAuthenticationException.class, refused.getCause());
        }
    }

    @Test
    void contactServiceCannotWriteDsrCommands() {
        Map<String, Object> config = SuiteKafka.as("contact-service");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, REFUSAL_WITHIN.toMillis());
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            ExecutionException refused = assertThrows(
                    ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>(
                                    Topics.DSR_COMMANDS, UUID.randomUUID().toString(), "{}"))
                            .get(REFUSAL_WITHIN.toSeconds() * 2, TimeUnit.SECONDS));
            assertInstanceOf(TopicAuthorizationException.class, refused.getCause());
        }
    }

    @Test
    void contactServiceWritesItsOwnTopicsAndReadsOnlyWhatItConsumes() throws Exception {
        Map<String, Set<AclOperation>> allowed = allowedTo(
                "contact-service",
                List.of(Topics.CONTACT_EVENTS, Topics.CONSENT_EVENTS, Topics.DSR_COMMANDS, Topics.DSR_REPLIES));
        assertTrue(allowed.get(Topics.CONTACT_EVENTS).contains(AclOperation.WRITE), allowed.toString());
        assertTrue(allowed.get(Topics.DSR_REPLIES).contains(AclOperation.WRITE), allowed.toString());
        assertTrue(allowed.get(Topics.CONSENT_EVENTS).contains(AclOperation.READ), allowed.toString());
        assertTrue(allowed.get(Topics.DSR_COMMANDS).contains(AclOperation.READ), allowed.toString());
        assertFalse(allowed.get(Topics.DSR_COMMANDS).contains(AclOperation.WRITE), allowed.toString());
        assertFalse(allowed.get(Topics.CONSENT_EVENTS).contains(AclOperation.WRITE), allowed.toString());
        assertFalse(allowed.get(Topics.DSR_REPLIES).contains(AclOperation.READ), allowed.toString());
    }

    @Test
    void onlyTheOrchestratorWritesDsrCommandsAndIntegrationsOnlyConsentInbound() throws Exception {
        for (String service :
                List.of("consent-service", "subscription-service", "incident-service", "gateway", "integration")) {
            assertFalse(
                    allowedTo(service, List.of(Topics.DSR_COMMANDS))
                            .get(Topics.DSR_COMMANDS)
                            .contains(AclOperation.WRITE),
                    service);
        }
        assertTrue(allowedTo("erasure-service", List.of(Topics.DSR_COMMANDS))
                .get(Topics.DSR_COMMANDS)
                .contains(AclOperation.WRITE));
        Map<String, Set<AclOperation>> integration =
                allowedTo("integration", List.of(Topics.CONSENT_INBOUND, Topics.NOTIFICATION_REQUESTS));
        assertEquals(Set.of(AclOperation.WRITE, AclOperation.DESCRIBE), integration.get(Topics.CONSENT_INBOUND));
    }

    @Test
    void theTestsPrincipalStaysOnTheTestsPrivateTopics() throws Exception {
        Map<String, Set<AclOperation>> allowed =
                allowedTo(SuiteKafka.TEST_PRINCIPAL, List.of(Topics.CONTACT_EVENTS, Topics.DSR_COMMANDS));
        assertFalse(allowed.get(Topics.CONTACT_EVENTS).contains(AclOperation.READ), allowed.toString());
        assertFalse(allowed.get(Topics.DSR_COMMANDS).contains(AclOperation.WRITE), allowed.toString());
    }

    /** A service writes its own topic's private copy in a test run exactly as it writes the topic (TestTopics). */
    @Test
    void theTestsCopiesOfTheTopicsCarryTheSameRights() throws Exception {
        TestTopics topics = TestTopics.create();
        try {
            Map<String, Object> config = SuiteKafka.as("contact-service");
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, REFUSAL_WITHIN.toMillis());
            try (KafkaProducer<String, String> producer =
                    new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(topics.topic(Topics.CONTACT_EVENTS), "k", "{}"))
                        .get(30, TimeUnit.SECONDS);
                ExecutionException refused = assertThrows(
                        ExecutionException.class,
                        () -> producer.send(new ProducerRecord<>(topics.topic(Topics.DSR_COMMANDS), "k", "{}"))
                                .get(30, TimeUnit.SECONDS));
                assertInstanceOf(TopicAuthorizationException.class, refused.getCause());
            }
            assertEquals(1, KafkaProbe.count(topics.topic(Topics.CONTACT_EVENTS)));
        } finally {
            topics.delete();
        }
    }

    /**
     * A service's operations report counts the records of the dead-letter topics it writes from their offsets, as the
     * service's own principal: listing a topic's offsets takes Describe, which the broker grants with Write (every
     * "write *.dlq" right of acls.txt), and nothing more is granted for it: a dead-letter topic the service does not
     * write stays out of its sight.
     */
    @Test
    void everyServiceMayCountTheRecordsOfTheDeadLetterTopicsItWritesAndNoOthers() throws Exception {
        Map<String, List<String>> writes = new TreeMap<>();
        for (String line : Files.readAllLines(SuiteStack.projectRoot().resolve("stack/kafka/acls.txt"))) {
            String[] right = line.strip().split("\\s+");
            if (right.length == 3 && right[1].equals("write") && right[2].endsWith(".dlq")) {
                writes.computeIfAbsent(right[0], p -> new ArrayList<>()).add(right[2]);
            }
        }
        assertEquals(
                Set.of(
                        "contact-service",
                        "consent-service",
                        "subscription-service",
                        "erasure-service",
                        "incident-service",
                        "gateway"),
                writes.keySet(),
                "every service writes dead-letter topics");
        for (Map.Entry<String, List<String>> service : writes.entrySet()) {
            Map<String, Set<AclOperation>> allowed = allowedTo(service.getKey(), service.getValue());
            try (Admin admin = Admin.create(SuiteKafka.as(service.getKey()))) {
                for (String topic : service.getValue()) {
                    assertTrue(allowed.get(topic).contains(AclOperation.DESCRIBE), service.getKey() + " " + topic);
                    TopicPartition partition = new TopicPartition(topic, 0);
                    long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest()))
                            .partitionResult(partition)
                            .get(30, TimeUnit.SECONDS)
                            .offset();
                    assertTrue(end >= 0, service.getKey() + " " + topic);
                }
            }
        }
        Map<String, Set<AclOperation>> incident = allowedTo(
                "incident-service",
                List.of(Topics.deadLetter(Topics.CONSENT_INBOUND), Topics.deadLetter(Topics.DSR_REPLIES)));
        assertEquals(Set.of(), incident.get(Topics.deadLetter(Topics.CONSENT_INBOUND)));
        assertEquals(Set.of(), incident.get(Topics.deadLetter(Topics.DSR_REPLIES)));
    }

    /** What the broker's authorizer lets {@code principal} do on each topic. */
    private static Map<String, Set<AclOperation>> allowedTo(String principal, List<String> topics) throws Exception {
        try (Admin admin = Admin.create(SuiteKafka.as(principal))) {
            Map<String, Set<AclOperation>> allowed = new java.util.HashMap<>();
            for (String topic : topics) {
                try {
                    allowed.put(
                            topic,
                            admin.describeTopics(
                                            List.of(topic),
                                            new DescribeTopicsOptions().includeAuthorizedOperations(true))
                                    .allTopicNames()
                                    .get()
                                    .get(topic)
                                    .authorizedOperations());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicAuthorizationException)) {
                        throw e;
                    }
                    allowed.put(topic, Set.of()); // not even allowed to know the topic exists
                }
            }
            return allowed;
        }
    }
}
