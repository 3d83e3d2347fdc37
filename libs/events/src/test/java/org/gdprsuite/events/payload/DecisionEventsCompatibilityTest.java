package org.gdprsuite.events.payload;

import java.util.List;
import java.util.UUID;

import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.InvalidEventException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The fields issue 20 added read as empty in older events, and objections are schema-checked like consents. */
@Tag("unit")
class DecisionEventsCompatibilityTest {

    private static final UUID PERSON = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");

    @Test
    void anOlderStateEventHasNoReasonsAndAnOlderSubscriptionEventNoPurpose() {
        String state = envelope("consent.state-changed", """
                {"personId":"%s","purpose":"news","allowed":true,"legalBasis":"CONSENT","status":"GRANTED",
                 "since":"2026-05-01T00:00:00Z","until":null}""".formatted(PERSON));
        assertEquals(
                List.of(),
                EventCodec.parse(state).dataAs(ConsentStateChanged.class).reasons());
        String subscription = envelope("subscription.changed", """
                {"personId":"%s","subscriptionType":"news","subscribed":false,"source":"STAFF"}""".formatted(PERSON));
        assertNull(
                EventCodec.parse(subscription).dataAs(SubscriptionChanged.class).purpose());
    }

    @Test
    void anObjectionRoundTripsAndABadOneIsRefused() {
        ObjectionChanged objection =
                new ObjectionChanged(PERSON, "PURPOSES", List.of("news"), true, null, UUID.randomUUID());
        CloudEvent event =
                CloudEvent.of("erasure-service", EventType.CONSENT_OBJECTION_CHANGED, PERSON.toString(), objection);
        assertEquals(objection, EventCodec.parse(EventCodec.toJson(event)).dataAs(ObjectionChanged.class));

        assertThrows(
                InvalidEventException.class,
                () -> EventCodec.parse(envelope("consent.objection-changed", """
                {"personId":"%s","scope":"SOME","objected":true}""".formatted(PERSON))));
        assertThrows(
                InvalidEventException.class,
                () -> EventCodec.parse(envelope("consent.objection-changed", """
                {"personId":"%s","scope":"PURPOSES","objected":true}""".formatted(PERSON))));
    }

    private static String envelope(String type, String data) {
        return """
                {"specversion":"1.0","id":"e-%s","source":"test","type":"%s","subject":"%s",
                 "time":"2026-05-01T00:00:00Z","datacontenttype":"application/json","data":%s}""".formatted(UUID.randomUUID(), type, PERSON, data);
    }
}
