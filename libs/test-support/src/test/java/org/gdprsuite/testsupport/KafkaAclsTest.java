package org.gdprsuite.testsupport;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * stack/kafka/acls.txt keeps up with the services' consumers: a service may read every topic one of its channels
 * consumes, join the channel's group and write the channel's dead-letter topic, and write every dead-letter topic an
 * outgoing channel sends to (a new channel without its rights would be refused by the broker at run time). The write
 * right on a dead-letter topic is also what lets the service count its records for its operations report.
 */
@Tag("unit")
class KafkaAclsTest {

    private static final List<String> SERVICES = List.of(
            "contact-service",
            "consent-service",
            "subscription-service",
            "erasure-service",
            "incident-service",
            "gateway");
    private static final String PREFIX = "${gdpr.kafka.topic-prefix:}";

    @Test
    void everyConsumedTopicItsGroupAndItsDeadLetterTopicAreGranted() throws IOException {
        Path root = SuiteStack.projectRoot();
        Set<String> granted = Files.readAllLines(root.resolve("stack/kafka/acls.txt")).stream()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> String.join(" ", line.split("\\s+")))
                .collect(Collectors.toSet());
        Properties shared =
                load(root.resolve("libs/service-runtime/src/main/resources/META-INF/microprofile-config.properties"));
        List<String> missing = new ArrayList<>();
        for (String service : SERVICES) {
            Properties config = new Properties();
            config.putAll(shared);
            config.putAll(load(root.resolve(service).resolve("src/main/resources/application.properties")));
            for (String key : config.stringPropertyNames()) {
                // An outgoing channel may write a dead-letter topic too (consents that waited in vain for their
                // person).
                if (key.startsWith("mp.messaging.outgoing.")
                        && key.endsWith(".topic")
                        && topic(config.getProperty(key)).endsWith(".dlq")
                        && !granted.contains(service + " write " + topic(config.getProperty(key)))) {
                    missing.add(service + " write " + topic(config.getProperty(key)));
                }
                if (!key.startsWith("mp.messaging.incoming.")
                        || !key.endsWith(".topic")
                        || key.endsWith(".dead-letter-queue.topic")) {
                    continue;
                }
                String channel = key.substring(0, key.length() - ".topic".length());
                List<String> needed = new ArrayList<>();
                needed.add(service + " read " + topic(config.getProperty(key)));
                // Without a group.id the connector takes the application's name, the service's.
                String group = config.getProperty(channel + ".group.id", service);
                needed.add(service + " group " + group.replace("${quarkus.application.name}", service));
                String deadLetter = config.getProperty(channel + ".dead-letter-queue.topic");
                if (deadLetter != null) {
                    needed.add(service + " write " + topic(deadLetter));
                }
                needed.stream().filter(right -> !granted.contains(right)).forEach(missing::add);
            }
        }
        assertEquals(List.of(), missing, "rights missing from stack/kafka/acls.txt");
    }

    private static String topic(String configured) {
        return configured.startsWith(PREFIX) ? configured.substring(PREFIX.length()) : configured;
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
