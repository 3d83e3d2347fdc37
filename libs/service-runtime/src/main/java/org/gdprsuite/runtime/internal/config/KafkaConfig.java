package org.gdprsuite.runtime.internal.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Topic names the library writes to (the channels of a service use the same key in their topic names). */
@ConfigMapping(prefix = "gdpr.kafka")
public interface KafkaConfig {

    /** Prepended to every topic name: one Kafka cluster shared by several environments, or isolated tests. */
    Optional<String> topicPrefix();
}
