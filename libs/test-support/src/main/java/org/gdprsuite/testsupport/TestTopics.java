package org.gdprsuite.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.gdprsuite.events.Topics;

/** A private copy of every topic of the suite (and its dead-letter topic) under a random prefix. */
public record TestTopics(String prefix) {

    public static final String BOOTSTRAP = "127.0.0.1:9092";
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
        } catch (ExecutionException e) {
            // Leftover test topics are harmless; they carry a random prefix.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        for (String topic : Topics.ALL) {
            names.add(topic(topic));
            names.add(topic(Topics.deadLetter(topic)));
        }
        return names;
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP));
    }
}
