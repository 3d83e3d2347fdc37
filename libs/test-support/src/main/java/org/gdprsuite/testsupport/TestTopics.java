package org.gdprsuite.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;
import org.awaitility.Awaitility;
import org.gdprsuite.events.Topics;

/**
 * A private copy of every topic of the suite (and its dead-letter topic) under a random prefix, with the same
 * rights as the originals: each service's principal may write and read its copies exactly as it may the suite's
 * topics (stack/kafka/acls.txt), so services started from their jars run under their production ACLs.
 */
public record TestTopics(String prefix) {

    public static final String BOOTSTRAP = SuiteKafka.BOOTSTRAP;
    public static final String PREFIX_PROPERTY = "gdpr.kafka.topic-prefix";
    private static final int PARTITIONS = 3;

    public static TestTopics create() {
        TestTopics topics =
                new TestTopics("test-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        List<NewTopic> all = new ArrayList<>();
        for (String topic : topics.names()) {
            all.add(new NewTopic(topic, PARTITIONS, (short) 1));
        }
        try (Admin admin = admin()) {
            admin.createTopics(all).all().get();
            List<AclBinding> rights = topics.copiedRights(admin);
            admin.createAcls(rights).all().get();
            topics.awaitRights(admin, rights.size());
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not create test topics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return topics;
    }

    /** The physical name of a topic of the contract, e.g. {@code topic(Topics.DSR_REPLIES)}. */
    public String topic(String logical) {
        return prefix + logical;
    }

    public void delete() {
        try (Admin admin = admin()) {
            admin.deleteTopics(names()).all().get();
            List<AclBindingFilter> rights = new ArrayList<>();
            for (String topic : names()) {
                rights.add(new AclBindingFilter(
                        new ResourcePatternFilter(ResourceType.TOPIC, topic, PatternType.LITERAL),
                        AccessControlEntryFilter.ANY));
            }
            admin.deleteAcls(rights).all().get();
        } catch (ExecutionException e) {
            // Leftover test topics and their rights are harmless; they carry a random prefix.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every right on one of the suite's topics, granted again on this run's copy of that topic. */
    private List<AclBinding> copiedRights(Admin admin) throws ExecutionException, InterruptedException {
        Set<String> originals = Set.copyOf(logicalNames());
        return literalTopicRights(admin).stream()
                .filter(binding -> originals.contains(binding.pattern().name()))
                .map(binding -> new AclBinding(
                        new ResourcePattern(
                                ResourceType.TOPIC, topic(binding.pattern().name()), PatternType.LITERAL),
                        binding.entry()))
                .toList();
    }

    /**
     * Waits, at most 10 s, until the broker enforces the copied rights: the controller has committed them when
     * createAcls returns, the broker's authorizer (which also answers describeAcls) applies them a moment later.
     * Fails when it does not: services would otherwise start without their rights and fail far from the cause.
     */
    private void awaitRights(Admin admin, int expected) {
        Awaitility.await("Kafka to enforce the " + expected + " rights copied to the test topics " + prefix + "*")
                .atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(
                        () -> literalTopicRights(admin).stream()
                                .filter(binding -> binding.pattern().name().startsWith(prefix))
                                .count(),
                        granted -> granted >= expected);
    }

    private static Collection<AclBinding> literalTopicRights(Admin admin)
            throws ExecutionException, InterruptedException {
        return admin.describeAcls(new AclBindingFilter(
                        new ResourcePatternFilter(ResourceType.TOPIC, null, PatternType.LITERAL),
                        AccessControlEntryFilter.ANY))
                .values()
                .get();
    }

    private List<String> names() {
        return logicalNames().stream().map(this::topic).toList();
    }

    private static List<String> logicalNames() {
        List<String> names = new ArrayList<>();
        for (String topic : Topics.ALL) {
            names.add(topic);
            names.add(Topics.deadLetter(topic));
        }
        return names;
    }

    private static Admin admin() {
        return Admin.create(SuiteKafka.as(SuiteKafka.ADMIN));
    }
}
