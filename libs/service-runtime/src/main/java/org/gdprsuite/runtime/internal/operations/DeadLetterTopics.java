package org.gdprsuite.runtime.internal.operations;

import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.Config;
import org.gdprsuite.events.Topics;

/**
 * The dead-letter topics a service writes, read from its channels' configuration (no list to keep beside it): the
 * {@code dead-letter-queue.topic} of every incoming channel whose failure strategy is {@code dead-letter-queue}
 * (SmallRye's {@code dead-letter-topic-<channel>} when it names none), and every outgoing channel's topic that is a
 * dead-letter topic ({@code <topic>.dlq}, e.g. consent-service's consents that waited in vain for their person).
 * A channel switched off ({@code enabled=false}) writes nothing.
 */
public final class DeadLetterTopics {

    private static final Pattern INCOMING_STRATEGY =
            Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.failure-strategy");
    private static final Pattern OUTGOING_TOPIC = Pattern.compile("mp\\.messaging\\.outgoing\\.([^.]+)\\.topic");
    private static final String DEAD_LETTER_QUEUE = "dead-letter-queue";

    private DeadLetterTopics() {}

    /** The physical names (with the topic prefix, as the channels write them), sorted. */
    public static SortedSet<String> of(Config config) {
        return of(config.getPropertyNames(), name -> config.getOptionalValue(name, String.class));
    }

    /** The same from any configuration: its keys and a lookup of a key's value. */
    public static SortedSet<String> of(Iterable<String> keys, Function<String, Optional<String>> value) {
        SortedSet<String> topics = new TreeSet<>();
        for (String key : keys) {
            Matcher incoming = INCOMING_STRATEGY.matcher(key);
            if (incoming.matches()
                    && value.apply(key)
                            .filter(DEAD_LETTER_QUEUE::equalsIgnoreCase)
                            .isPresent()
                    && enabled("incoming", incoming.group(1), value)) {
                String channel = "mp.messaging.incoming." + incoming.group(1);
                topics.add(value.apply(channel + ".dead-letter-queue.topic")
                        .orElse("dead-letter-topic-" + incoming.group(1)));
            }
            Matcher outgoing = OUTGOING_TOPIC.matcher(key);
            if (outgoing.matches() && enabled("outgoing", outgoing.group(1), value)) {
                value.apply(key)
                        .filter(topic -> topic.endsWith(Topics.deadLetter("")))
                        .ifPresent(topics::add);
            }
        }
        return topics;
    }

    /** The same from a plain map of keys and values (tests). */
    public static SortedSet<String> of(Map<String, String> config) {
        return of(config.keySet(), key -> Optional.ofNullable(config.get(key)));
    }

    private static boolean enabled(String direction, String channel, Function<String, Optional<String>> value) {
        return value.apply("mp.messaging." + direction + "." + channel + ".enabled")
                .map(Boolean::parseBoolean)
                .orElse(true);
    }
}
