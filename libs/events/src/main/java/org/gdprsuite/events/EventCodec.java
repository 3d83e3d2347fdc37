package org.gdprsuite.events;

import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;

/** JSON (de)serialisation of envelopes and payloads, with schema validation of inbound events. */
public final class EventCodec {

    /** Inbound JSON is bounded: deeper nesting than a real event needs is refused. */
    private static final int MAX_DEPTH = 32;

    /**
     * The longest string value: as long as the largest event the bus carries (16 MiB, the broker's
     * message.max.bytes and the outbox's gdpr.outbox.max-event-bytes). An access export's slice travels as one
     * sealed string of megabytes; a smaller bound refused it as "not JSON" on the orchestrator's side.
     */
    public static final int MAX_STRING_CHARS = 16 * 1024 * 1024;

    static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static {
        MAPPER.getFactory()
                .setStreamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH)
                        .maxStringLength(MAX_STRING_CHARS)
                        .build());
    }

    private EventCodec() {}

    public static String toJson(CloudEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event cannot be serialised", e);
        }
    }

    /**
     * Parses an envelope and checks it against the contract: known type, required attributes, and
     * for inbound types (from outside the suite) the JSON Schema of its data.
     */
    public static CloudEvent parse(String json) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException(
                    e.getLocation() == null
                            ? "not JSON"
                            : "not JSON (at " + e.getLocation().offsetDescription() + ")");
        }
        if (tree == null || !tree.isObject()) {
            throw new InvalidEventException("not a JSON object");
        }
        for (String attribute : new String[] {"specversion", "id", "source", "type"}) {
            if (!tree.path(attribute).isTextual()
                    || tree.path(attribute).asText().isBlank()) {
                throw new InvalidEventException("missing CloudEvents attribute '" + attribute + "'");
            }
        }
        if (!CloudEvent.SPEC_VERSION.equals(tree.get("specversion").asText())) {
            throw new InvalidEventException(
                    "unsupported specversion " + tree.get("specversion").asText());
        }
        EventType type = EventType.byType(tree.get("type").asText())
                .orElseThrow(() -> new InvalidEventException("unknown event type"));
        type.schema().ifPresent(schema -> validate(schema, tree.path("data")));
        // Built from the tree already parsed (binding the whole envelope again cost a sixth of a bulk ingestion).
        JsonNode time = tree.get("time");
        try {
            return new CloudEvent(
                    tree.get("specversion").asText(),
                    tree.get("id").asText(),
                    tree.get("source").asText(),
                    type.type(),
                    optionalText(tree, "subject"),
                    time == null || time.isNull() ? null : MAPPER.treeToValue(time, Instant.class),
                    optionalText(tree, "datacontenttype"),
                    tree.get("data"));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException("invalid envelope: " + rootMessage(e));
        }
    }

    private static String optionalText(JsonNode tree, String attribute) {
        JsonNode value = tree.get(attribute);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new InvalidEventException("invalid envelope: '" + attribute + "' is not a string");
        }
        return value.asText();
    }

    private static void validate(JsonSchema schema, JsonNode data) {
        Set<ValidationMessage> errors = schema.validate(data);
        if (!errors.isEmpty()) {
            // The messages name the failing JSON paths and rules, not the offending values.
            throw new InvalidEventException("data breaks schema: "
                    + errors.stream()
                            .map(m -> m.getInstanceLocation() + " " + m.getType())
                            .sorted()
                            .collect(Collectors.joining(", ")));
        }
    }

    static JsonNode toTree(Object payload) {
        return MAPPER.valueToTree(payload);
    }

    static <T> T fromTree(JsonNode data, Class<T> type) {
        try {
            return MAPPER.treeToValue(data, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException("data is not a valid " + type.getSimpleName() + ": " + rootMessage(e));
        }
    }

    private static String rootMessage(Exception e) {
        // Parser messages may quote the input (personal data), so only the kind of error is kept.
        return e.getClass().getSimpleName();
    }
}
