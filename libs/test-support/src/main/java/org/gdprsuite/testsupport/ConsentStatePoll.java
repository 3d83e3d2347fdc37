package org.gdprsuite.testsupport;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.ConsentStateChanged;
import org.gdprsuite.events.payload.PersonAnonymized;

/**
 * One poll of {@code consent.events} with what a read model applying a poll at a time could get wrong: a
 * duplicate, an older state after a newer one, two states of equal time (the later one wins), an event of
 * another type, two persons. For the services that keep a read model of consent states.
 */
public final class ConsentStatePoll {

    public static final Instant T1 = Instant.parse("2026-05-01T10:00:00Z");
    public static final Instant T2 = Instant.parse("2026-05-02T10:00:00Z");
    public static final Instant T3 = Instant.parse("2026-05-03T10:00:00Z");

    private ConsentStatePoll() {}

    /** The poll's events for persons {@code a} and {@code b} (new event ids on each call). */
    public static List<CloudEvent> events(UUID a, UUID b) {
        CloudEvent aNewsGranted = state(a, "news", true, T2, null);
        return List.of(
                aNewsGranted,
                aNewsGranted,
                state(a, "news", false, T1, null),
                state(a, "ads", true, T1, T3),
                state(b, "news", true, T1, null),
                CloudEvent.of("contact-service", EventType.PERSON_ANONYMIZED, a.toString(), new PersonAnonymized(a)),
                state(a, "ads", false, T1, null),
                state(b, "news", false, T3, null));
    }

    /** What applying {@link #events} one by one leaves, per person and purpose: allowed, since, until. */
    public static Map<String, List<Object>> expected(UUID a, UUID b) {
        return Map.of(
                a + " news", row(true, T2, null), a + " ads", row(false, T1, null), b + " news", row(false, T3, null));
    }

    /** A read-model row as {@link #expected} has it. */
    public static List<Object> row(boolean allowed, Instant since, Instant until) {
        return Arrays.asList(allowed, since, until); // until may be null
    }

    private static CloudEvent state(UUID person, String purpose, boolean allowed, Instant since, Instant until) {
        return CloudEvent.of(
                "consent-service",
                EventType.CONSENT_STATE_CHANGED,
                person.toString(),
                new ConsentStateChanged(
                        person, purpose, allowed, "CONSENT", allowed ? "GRANTED" : "WITHDRAWN", since, until));
    }
}
