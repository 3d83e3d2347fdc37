package org.gdprsuite.events.payload;

import java.util.List;
import java.util.UUID;

import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.NewestPerKey;

/** For the services that keep a read model of {@code consent.events} (newer states win, by {@code since}). */
public final class ConsentStateEvents {

    private ConsentStateEvents() {}

    /**
     * The {@code consent.state-changed} events among {@code events} (others are ignored), reduced to one state
     * per person × purpose: the one applying them one by one would leave, see {@link NewestPerKey}.
     */
    public static List<ConsentStateChanged> newestPerPersonAndPurpose(List<CloudEvent> events) {
        List<ConsentStateChanged> states = events.stream()
                .filter(event -> EventType.CONSENT_STATE_CHANGED.type().equals(event.type()))
                .map(event -> event.dataAs(ConsentStateChanged.class))
                .toList();
        return NewestPerKey.of(states, state -> new Key(state.personId(), state.purpose()), ConsentStateChanged::since);
    }

    private record Key(UUID personId, String purpose) {}
}
