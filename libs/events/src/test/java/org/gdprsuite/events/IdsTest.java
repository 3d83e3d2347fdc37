package org.gdprsuite.events;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Tag("unit")
class IdsTest {

    @Test
    void idsMadeOneAfterTheOtherSortInThatOrderAndAreVersion7() {
        List<UUID> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            made.add(Ids.timeOrdered());
        }
        // As text too: event ids are stored as strings (processed_event, outbox).
        List<String> asText = made.stream().map(UUID::toString).toList();
        assertEquals(asText.stream().sorted().toList(), asText);
        assertEquals(10_000, asText.stream().distinct().count());
        made.forEach(id -> assertEquals(7, id.version()));
    }

    @Test
    void eventsGetTimeOrderedIds() {
        CloudEvent event = CloudEvent.of("test", EventType.INCIDENT_CHANGED, "subject", java.util.Map.of());
        assertEquals(7, UUID.fromString(event.id()).version());
    }
}
