package org.gdprsuite.runtime.crypto;

import java.util.Optional;
import java.util.UUID;

import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.PersonUpdated;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Personal data in events: sealed by the publisher with the subject's data key from the shared key store,
 * opened by a consumer with the same key, and unreadable in every copy of the event once the subject is
 * erased (a replay of the topic included).
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class SealedEventFieldsTest {

    @Inject
    SubjectCipher cipher;

    @Inject
    SubjectKeys keys;

    @Test
    void anEmailTravelsSealedOpensForItsSubjectAndNotAfterTheirErasure() {
        String ada = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        String adaEvent = event(ada, "ada@example.org");
        String bobEvent = event(bob, "bob@example.org");

        assertFalse(adaEvent.contains("ada@example.org"), adaEvent);
        assertEquals(Optional.of("ada@example.org"), cipher.openReceived(ada, "email", email(adaEvent)));
        assertThrows(
                TamperedException.class,
                () -> cipher.openReceived(bob, "email", email(adaEvent)),
                "bound to its subject");
        assertThrows(
                TamperedException.class,
                () -> cipher.openReceived(ada, "lastName", email(adaEvent)),
                "and to its field");

        keys.destroy(ada);

        // The same records read again (a replay): hers no longer open, his still do.
        assertEquals(Optional.empty(), cipher.openReceived(ada, "email", email(adaEvent)));
        assertEquals(Optional.of("bob@example.org"), cipher.openReceived(bob, "email", email(bobEvent)));
        assertThrows(
                ShreddedException.class,
                () -> cipher.seal(ada, "email", "ada@example.org"),
                "nothing new is sealed for her");
    }

    @Test
    void aConsumerKeepsTheValueSealedAndNothingOfAnErasedSubject() {
        String ada = UUID.randomUUID().toString();
        String sealed = cipher.seal(ada, "email", "ada@example.org");

        assertEquals(sealed, cipher.keepReceived(ada, "email", sealed), "kept as received");
        String legacy = cipher.keepReceived(ada, "email", "ada@example.org");
        assertTrue(SubjectCipher.isSealed(legacy), "a plaintext value from before sealing is sealed for keeping");
        assertEquals(Optional.of("ada@example.org"), cipher.openReceived(ada, "email", legacy));
        assertNull(cipher.keepReceived(ada, "email", null));

        keys.destroy(ada);

        assertNull(cipher.keepReceived(ada, "email", sealed), "a replayed event of an erased subject leaves nothing");
        assertNull(cipher.keepReceived(ada, "email", "ada@example.org"));
        assertEquals(Optional.empty(), cipher.openReceived(ada, "email", legacy), "and what was kept is shredded");
    }

    @Test
    void aValueFromBeforeSealingPassesAndAMissingOneIsEmpty() {
        String subject = UUID.randomUUID().toString();
        assertEquals(Optional.of("old@example.org"), cipher.openReceived(subject, "email", "old@example.org"));
        assertEquals(Optional.empty(), cipher.openReceived(subject, "email", null));
        assertFalse(SubjectCipher.isSealed("old@example.org"));
    }

    private String event(String subject, String email) {
        return EventCodec.toJson(CloudEvent.of(
                "contact-service",
                EventType.PERSON_UPDATED,
                subject,
                new PersonUpdated(UUID.fromString(subject), cipher.seal(subject, "email", email), "customer")));
    }

    private static String email(String eventJson) {
        return EventCodec.parse(eventJson).dataAs(PersonUpdated.class).email();
    }
}
