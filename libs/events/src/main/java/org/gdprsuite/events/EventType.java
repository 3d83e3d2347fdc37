package org.gdprsuite.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Optional;

import org.gdprsuite.events.dsr.DsrBatchCommand;
import org.gdprsuite.events.dsr.DsrBatchReply;
import org.gdprsuite.events.dsr.DsrCommand;
import org.gdprsuite.events.dsr.DsrReply;
import org.gdprsuite.events.dsr.ParticipantAnnounced;
import org.gdprsuite.events.payload.ConsentRecorded;
import org.gdprsuite.events.payload.ConsentStateChanged;
import org.gdprsuite.events.payload.IncidentChanged;
import org.gdprsuite.events.payload.IncidentDeadlineAlert;
import org.gdprsuite.events.payload.NotificationRequested;
import org.gdprsuite.events.payload.ObjectionChanged;
import org.gdprsuite.events.payload.PersonAnonymized;
import org.gdprsuite.events.payload.PersonCreated;
import org.gdprsuite.events.payload.PersonRestrictionChanged;
import org.gdprsuite.events.payload.PersonUpdated;
import org.gdprsuite.events.payload.RetentionErasureRequested;
import org.gdprsuite.events.payload.SubscriptionChanged;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

/**
 * Every event type of the suite: its CloudEvents {@code type}, the topic it travels on, its payload and,
 * for events that come from outside the suite, the JSON Schema its data must satisfy. The AsyncAPI
 * document ({@code asyncapi.yaml} in this module) describes the same and a test keeps the two equal.
 */
public enum EventType {
    PERSON_CREATED("contact.person.created", Topics.CONTACT_EVENTS, PersonCreated.class),
    PERSON_UPDATED("contact.person.updated", Topics.CONTACT_EVENTS, PersonUpdated.class),
    PERSON_RESTRICTION_CHANGED(
            "contact.person.restriction-changed", Topics.CONTACT_EVENTS, PersonRestrictionChanged.class),
    PERSON_ANONYMIZED("contact.person.anonymized", Topics.CONTACT_EVENTS, PersonAnonymized.class),
    RETENTION_ERASURE_REQUESTED(
            "contact.retention.erasure-requested", Topics.CONTACT_EVENTS, RetentionErasureRequested.class),
    CONSENT_RECORDED("consent.recorded", Topics.CONSENT_INBOUND, ConsentRecorded.class, true),
    /** An objection (Art. 21) or its end; from the DSR orchestrator or an integrating system. */
    CONSENT_OBJECTION_CHANGED("consent.objection-changed", Topics.CONSENT_INBOUND, ObjectionChanged.class, true),
    CONSENT_STATE_CHANGED("consent.state-changed", Topics.CONSENT_EVENTS, ConsentStateChanged.class),
    SUBSCRIPTION_CHANGED("subscription.changed", Topics.SUBSCRIPTION_EVENTS, SubscriptionChanged.class),
    DSR_EXPORT_REQUESTED("dsr.export.requested", Topics.DSR_COMMANDS, DsrCommand.class),
    DSR_ERASURE_REQUESTED("dsr.erasure.requested", Topics.DSR_COMMANDS, DsrCommand.class),
    DSR_RESTRICTION_REQUESTED("dsr.restriction.requested", Topics.DSR_COMMANDS, DsrCommand.class),
    DSR_RESTRICTION_LIFTED("dsr.restriction.lifted", Topics.DSR_COMMANDS, DsrCommand.class),
    DSR_RECTIFICATION_REQUESTED("dsr.rectification.requested", Topics.DSR_COMMANDS, DsrCommand.class),
    DSR_ERASURE_BATCH_REQUESTED("dsr.erasure.batch-requested", Topics.DSR_COMMANDS, DsrBatchCommand.class),
    DSR_REPLY("dsr.reply", Topics.DSR_REPLIES, DsrReply.class),
    DSR_BATCH_REPLY("dsr.batch-reply", Topics.DSR_REPLIES, DsrBatchReply.class),
    DSR_PARTICIPANT_ANNOUNCED("dsr.participant.announced", Topics.DSR_REPLIES, ParticipantAnnounced.class),
    INCIDENT_CHANGED("incident.changed", Topics.INCIDENT_EVENTS, IncidentChanged.class),
    INCIDENT_DEADLINE_ALERT("incident.deadline-alert", Topics.INCIDENT_EVENTS, IncidentDeadlineAlert.class),
    NOTIFICATION_REQUESTED("notification.requested", Topics.NOTIFICATION_REQUESTS, NotificationRequested.class);

    private final String type;
    private final String topic;
    private final Class<?> payload;
    private final JsonSchema schema;

    EventType(String type, String topic, Class<?> payload) {
        this(type, topic, payload, false);
    }

    EventType(String type, String topic, Class<?> payload, boolean inbound) {
        this.type = type;
        this.topic = topic;
        this.payload = payload;
        this.schema = inbound ? loadSchema(type) : null;
    }

    /** The CloudEvents {@code type} attribute. */
    public String type() {
        return type;
    }

    public String topic() {
        return topic;
    }

    public Class<?> payload() {
        return payload;
    }

    /** The JSON Schema of the data of an inbound event (published by systems outside the suite). */
    public Optional<JsonSchema> schema() {
        return Optional.ofNullable(schema);
    }

    public static Optional<EventType> byType(String type) {
        return Arrays.stream(values()).filter(t -> t.type.equals(type)).findFirst();
    }

    private static JsonSchema loadSchema(String type) {
        String resource = "/schemas/" + type + ".json";
        try (InputStream in = EventType.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing schema " + resource);
            }
            // Formats (uuid, date-time) are assertions here, not annotations: a bad id is a bad event.
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .formatAssertionsEnabled(true)
                    .build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(in, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
