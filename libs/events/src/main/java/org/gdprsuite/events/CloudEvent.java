package org.gdprsuite.events;

import java.time.Instant;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 envelope in structured JSON mode: the whole envelope is the Kafka record value,
 * the record key is {@link #subject()} (the contact id, or the request id for DSR traffic) so that one
 * subject's events stay ordered on one partition.
 */
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";
    /** Content type of a structured-mode CloudEvent (record header {@code content-type}). */
    public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
    }

    /** A new event with a fresh id, stamped now. */
    public static CloudEvent of(String source, EventType type, String subject, Object payload) {
        return new CloudEvent(
                SPEC_VERSION,
                Ids.timeOrdered().toString(),
                source,
                type.type(),
                subject,
                Instant.now(),
                JSON,
                EventCodec.toTree(payload));
    }

    /** The typed payload of this event. */
    public <T> T dataAs(Class<T> payloadType) {
        return EventCodec.fromTree(data, payloadType);
    }
}
