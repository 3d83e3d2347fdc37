package org.gdprsuite.events;

import java.time.Instant;
import java.util.UUID;

import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.DsrReply;
import org.gdprsuite.events.payload.ConsentRecorded;
import org.gdprsuite.events.payload.PersonCreated;
import org.gdprsuite.events.payload.RetentionErasureRequested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class EventCodecTest {

    private static final String VALID_CONSENT = """
            {"specversion":"1.0","id":"e-1","source":"web-form","type":"consent.recorded","subject":"%s",
             "time":"2026-11-01T10:00:00Z","datacontenttype":"application/json",
             "data":{"personId":"%s","purpose":"newsletter","status":"GRANTED","legalBasis":"CONSENT",
                     "effectiveAt":"2026-11-01T10:00:00Z","source":"WEB_FORM","evidence":{"ip":"192.0.2.1"}}}
            """;

    @Test
    void roundTripsAnEnvelopeWithItsPayload() {
        UUID person = UUID.randomUUID();
        CloudEvent event = CloudEvent.of(
                "contact-service",
                EventType.PERSON_CREATED,
                person.toString(),
                new PersonCreated(person, "ann@example.test", "customer"));

        CloudEvent parsed = EventCodec.parse(EventCodec.toJson(event));

        assertEquals(event.id(), parsed.id());
        assertEquals("contact.person.created", parsed.type());
        assertEquals(person.toString(), parsed.subject());
        assertEquals(new PersonCreated(person, "ann@example.test", "customer"), parsed.dataAs(PersonCreated.class));
        assertEquals(event, parsed);
    }

    @Test
    void refusesAnEnvelopeWhoseAttributesHaveTheWrongShape() {
        String base = "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"type\":\"incident.changed\"";
        assertThrows(InvalidEventException.class, () -> EventCodec.parse(base + ",\"subject\":{\"a\":1}}"));
        assertThrows(InvalidEventException.class, () -> EventCodec.parse(base + ",\"time\":\"yesterday\"}"));
        CloudEvent minimal = EventCodec.parse(base + "}");
        assertEquals(null, minimal.subject());
        assertEquals(null, minimal.time());
        assertEquals(null, minimal.data());
    }

    @Test
    void aRetentionRequestOfOnePersonFromBeforeTheBatchesIsReadAsAChunkOfOne() {
        UUID person = UUID.randomUUID();
        UUID sweep = UUID.randomUUID();
        CloudEvent old = EventCodec.parse(EventCodec.toJson(CloudEvent.of(
                "contact-service",
                EventType.RETENTION_ERASURE_REQUESTED,
                person.toString(),
                java.util.Map.of("personId", person, "policy", "old", "sweepId", sweep))));

        assertEquals(
                new RetentionErasureRequested(java.util.List.of(person), "old", sweep),
                old.dataAs(RetentionErasureRequested.class));
    }

    @Test
    void acceptsAnInboundEventThatSatisfiesItsSchema() {
        UUID person = UUID.randomUUID();
        ConsentRecorded data =
                EventCodec.parse(VALID_CONSENT.formatted(person, person)).dataAs(ConsentRecorded.class);
        assertEquals(person, data.personId());
        assertEquals(Instant.parse("2026-11-01T10:00:00Z"), data.effectiveAt());
    }

    @Test
    void refusesInboundDataThatBreaksTheSchemaWithoutEchoingValues() {
        String badId = VALID_CONSENT.formatted("x", "not-a-uuid@secret.test");
        InvalidEventException e = assertThrows(InvalidEventException.class, () -> EventCodec.parse(badId));
        assertTrue(e.getMessage().contains("personId"), e.getMessage());
        assertFalse(e.getMessage().contains("secret.test"), "no submitted value in the error");

        String unknownStatus = VALID_CONSENT.formatted("x", UUID.randomUUID()).replace("GRANTED", "MAYBE");
        assertThrows(InvalidEventException.class, () -> EventCodec.parse(unknownStatus));
    }

    @Test
    void refusesWhatIsNotACloudEventOfAKnownType() {
        assertThrows(InvalidEventException.class, () -> EventCodec.parse("{not json"));
        assertThrows(InvalidEventException.class, () -> EventCodec.parse("[1,2]"));
        assertThrows(
                InvalidEventException.class,
                () -> EventCodec.parse("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\"}"));
        assertThrows(
                InvalidEventException.class,
                () -> EventCodec.parse(
                        "{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"s\",\"type\":\"no.such.type\"}"));
        assertThrows(
                InvalidEventException.class,
                () -> EventCodec.parse(
                        "{\"specversion\":\"0.3\",\"id\":\"1\",\"source\":\"s\",\"type\":\"consent.recorded\"}"));
    }

    @Test
    void readsAReplyWhoseSealedSliceIsMegabytesLong() {
        // An access export of a person with 10,000 activities: a sealed slice of about 3 million characters.
        String sealed = "A".repeat(3_000_000);
        CloudEvent reply = CloudEvent.of(
                "contact-service",
                EventType.DSR_REPLY,
                UUID.randomUUID().toString(),
                new DsrReply(
                        UUID.randomUUID(),
                        "command-1",
                        DsrAction.EXPORT,
                        "contact-service",
                        DsrReply.Outcome.DONE,
                        null,
                        null,
                        null,
                        sealed));

        assertEquals(
                sealed,
                EventCodec.parse(EventCodec.toJson(reply))
                        .dataAs(DsrReply.class)
                        .sealedSlice());
    }

    @Test
    void refusesAStringLongerThanTheLargestEvent() {
        String tooLong = "{\"specversion\":\"1.0\",\"id\":\"" + "x".repeat(EventCodec.MAX_STRING_CHARS + 1) + "\"}";
        assertThrows(InvalidEventException.class, () -> EventCodec.parse(tooLong));
    }

    @Test
    void refusesAbsurdlyDeepJson() {
        String deep = "{\"a\":".repeat(1000) + "1" + "}".repeat(1000);
        assertThrows(InvalidEventException.class, () -> EventCodec.parse(deep));
    }
}
