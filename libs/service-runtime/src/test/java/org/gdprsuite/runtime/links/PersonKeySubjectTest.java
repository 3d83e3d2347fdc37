package org.gdprsuite.runtime.links;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code personId|key} subject of consent confirmation and one-click unsubscribe links. */
@Tag("unit")
class PersonKeySubjectTest {

    private static final UUID PERSON = UUID.fromString("3f2504e0-4f89-41d3-9a0c-0305e82c3301");

    /** Signed with key "k1" at 2026-11-23T10:00:00Z for 30 days, in the format of the links already mailed. */
    private static final String MAILED = "dW5zdWJzY3JpYmU.M2YyNTA0ZTAtNGY4OS00MWQzLTlhMGMtMDMwNWU4MmMzMzAx"
            + "fG5ld3Mud2Vla2x5.1798020000.uWyAzUjNjoD2wUBn8GbyQIQfeczWumXlOBBMDsJgacg";

    @Test
    void theSubjectIsThePersonABarAndTheKey() {
        PersonKeySubject subject = new PersonKeySubject(PERSON, "news.letter-2_x");

        assertEquals("3f2504e0-4f89-41d3-9a0c-0305e82c3301|news.letter-2_x", subject.encode());
        assertEquals(subject, PersonKeySubject.decode(subject.encode()));
    }

    @Test
    void everythingAfterTheFirstBarIsTheKey() {
        assertEquals(new PersonKeySubject(PERSON, "a|b"), PersonKeySubject.decode(PERSON + "|a|b"));
    }

    @Test
    void theSameKeyOfAnotherPersonIsAnotherSubject() {
        assertNotEquals(
                new PersonKeySubject(PERSON, "news").encode(),
                new PersonKeySubject(UUID.randomUUID(), "news").encode());
    }

    @Test
    void aSubjectWithoutAPersonIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> PersonKeySubject.decode("news"));
        assertThrows(IllegalArgumentException.class, () -> PersonKeySubject.decode("not-a-uuid|news"));
    }

    @Test
    void tokensAreTheOnesAlreadyMailed() {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        SignedLinks links = new SignedLinks();
        links.config = new FixedLinksConfig("1", "k1", null);
        links.clock = Clock.fixed(now, ZoneOffset.UTC);

        PersonKeySubject subject = new PersonKeySubject(PERSON, "news.weekly");

        // New links carry the id of their key in front (and sign it); scope, subject and expiry are as mailed.
        String signed = links.sign("unsubscribe", subject.encode(), Duration.ofDays(30));
        assertTrue(signed.startsWith("1." + MAILED.substring(0, MAILED.lastIndexOf('.') + 1)), signed);
        links.clock = Clock.fixed(now.plus(Duration.ofDays(29)), ZoneOffset.UTC);
        assertEquals(
                subject,
                PersonKeySubject.decode(links.verify(MAILED, "unsubscribe").subject()));
    }
}
