package org.gdprsuite.events;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The AsyncAPI document and the code describe the same topics, event types and payloads. */
@Tag("unit")
class AsyncApiContractTest {

    private static JsonNode doc;
    /** CloudEvents type → message component. */
    private static final Map<String, JsonNode> MESSAGES = new HashMap<>();

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = EventType.class.getResourceAsStream("/asyncapi.yaml")) {
            assertNotNull(in, "asyncapi.yaml is shipped in the events jar");
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        doc.path("components")
                .path("messages")
                .forEach(m -> MESSAGES.put(m.path("name").asText(), m));
    }

    @Test
    void channelsAreTheTopicsAndTheirDeadLetterTopics() {
        Set<String> documented = StreamSupport.stream(doc.path("channels").spliterator(), false)
                .map(c -> c.path("address").asText())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> expected = new TreeSet<>(Topics.ALL);
        Topics.ALL.forEach(t -> expected.add(Topics.deadLetter(t)));
        assertEquals(expected, documented);
    }

    @Test
    void everyEventTypeIsDocumentedAndNothingElse() {
        Set<String> inCode =
                Arrays.stream(EventType.values()).map(EventType::type).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(inCode, new TreeSet<>(MESSAGES.keySet()));
    }

    @Test
    void everyEventTypeTravelsOnItsDocumentedTopic() {
        for (EventType type : EventType.values()) {
            Set<String> channelsOfMessage = StreamSupport.stream(
                            doc.path("channels").spliterator(), false)
                    .filter(c -> StreamSupport.stream(c.path("messages").spliterator(), false)
                            .map(ref -> ref.path("$ref").asText())
                            .anyMatch(ref -> ref.endsWith("/" + componentName(type.type()))))
                    .map(c -> c.path("address").asText())
                    .collect(Collectors.toSet());
            assertEquals(Set.of(type.topic()), channelsOfMessage, type.type());
        }
    }

    @Test
    void payloadPropertiesAreTheFieldsOfThePayloadTypes() {
        for (EventType type : EventType.values()) {
            String ref = MESSAGES.get(type.type()).path("payload").path("$ref").asText();
            JsonNode schema = doc.at(ref.substring(1));
            Set<String> documented = new TreeSet<>();
            schema.path("properties").fieldNames().forEachRemaining(documented::add);
            Set<String> inCode = Arrays.stream(type.payload().getRecordComponents())
                    .map(c -> c.getName())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(inCode, documented, type.type());
        }
    }

    private static String componentName(String type) {
        return MESSAGES.entrySet().stream()
                .filter(e -> e.getKey().equals(type))
                .map(e -> doc.path("components").path("messages").properties().stream()
                        .filter(p -> p.getValue() == e.getValue())
                        .findFirst()
                        .orElseThrow()
                        .getKey())
                .findFirst()
                .orElseThrow();
    }
}
