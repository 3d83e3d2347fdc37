package org.gdprsuite.events.payload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The reduction of a poll of consent.events to one state per person × purpose, as one by one would leave it. */
@Tag("unit")
class ConsentStateEventsTest {

    private static final UUID ANN = UUID.randomUUID();
    private static final UUID BEN = UUID.randomUUID();
    private static final Instant T1 = Instant.parse("2026-05-01T10:00:00Z");
    private static final Instant T2 = Instant.parse("2026-05-02T10:00:00Z");

    @Test
    void theNewestStateWinsPerPersonAndPurposeTheLaterOneOnATieOthersIgnored() {
        ConsentStateChanged annNewsNew = state(ANN, "news", true, T2);
        ConsentStateChanged annNewsOld = state(ANN, "news", false, T1);
        ConsentStateChanged annNewsTieFirst = state(ANN, "news", true, T2, "first of a tie");
        ConsentStateChanged annNewsTieLast = state(ANN, "news", false, T2, "last of a tie");
        ConsentStateChanged annAds = state(ANN, "ads", true, T1);
        ConsentStateChanged benNews = state(BEN, "news", false, T1);

        List<ConsentStateChanged> newest = ConsentStateEvents.newestPerPersonAndPurpose(List.of(
                event(annNewsNew),
                event(annNewsOld),
                event(annNewsTieFirst),
                event(annAds),
                anonymized(BEN),
                event(benNews),
                event(annNewsTieLast)));

        assertEquals(List.of(annNewsTieLast, annAds, benNews), newest);
    }

    @Test
    void aDuplicateInThePollLeavesWhatItWouldOnceAndAnOlderOneAfterANewerIsHistory() {
        ConsentStateChanged granted = state(ANN, "news", true, T2);
        CloudEvent grantedEvent = event(granted);

        assertEquals(
                List.of(granted),
                ConsentStateEvents.newestPerPersonAndPurpose(
                        List.of(grantedEvent, event(state(ANN, "news", false, T1)), grantedEvent)));
    }

    @Test
    void anyOrderOfAPollGivesWhatApplyingItOneByOneGives() {
        Random random = new Random(42);
        List<UUID> persons = List.of(ANN, BEN);
        for (int round = 0; round < 200; round++) {
            List<CloudEvent> poll = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                // Few distinct times, so that ties are common.
                poll.add(event(state(
                        persons.get(random.nextInt(2)),
                        random.nextBoolean() ? "news" : "ads",
                        random.nextBoolean(),
                        T1.plusSeconds(random.nextInt(3)),
                        "#" + i)));
            }
            Map<List<Object>, ConsentStateChanged> oneByOne = new HashMap<>();
            for (CloudEvent event : poll) {
                ConsentStateChanged next = event.dataAs(ConsentStateChanged.class);
                oneByOne.merge(
                        List.of(next.personId(), next.purpose()),
                        next,
                        (current, candidate) -> current.since().isAfter(candidate.since()) ? current : candidate);
            }
            List<ConsentStateChanged> batch = ConsentStateEvents.newestPerPersonAndPurpose(poll);
            assertEquals(oneByOne.size(), batch.size());
            batch.forEach(state -> assertEquals(oneByOne.get(List.of(state.personId(), state.purpose())), state));
        }
    }

    private static ConsentStateChanged state(UUID person, String purpose, boolean allowed, Instant since) {
        return state(person, purpose, allowed, since, "CONSENT");
    }

    /** {@code basis} tells apart states that are otherwise equal. */
    private static ConsentStateChanged state(
            UUID person, String purpose, boolean allowed, Instant since, String basis) {
        return new ConsentStateChanged(person, purpose, allowed, basis, allowed ? "GRANTED" : "WITHDRAWN", since, null);
    }

    private static CloudEvent event(ConsentStateChanged state) {
        return CloudEvent.of(
                "consent-service",
                EventType.CONSENT_STATE_CHANGED,
                state.personId().toString(),
                state);
    }

    private static CloudEvent anonymized(UUID person) {
        return CloudEvent.of(
                "contact-service", EventType.PERSON_ANONYMIZED, person.toString(), new PersonAnonymized(person));
    }
}
