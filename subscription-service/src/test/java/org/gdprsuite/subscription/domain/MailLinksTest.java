package org.gdprsuite.subscription.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.UUID;

import org.gdprsuite.subscription.domain.MailLinks.Unsubscribe;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** What a one-click unsubscribe link signs: the person and the one type, read back as they were. */
@Tag("unit")
class MailLinksTest {

    @Test
    void anUnsubscribeSubjectNamesThePersonAndTheType() {
        Unsubscribe link = new Unsubscribe(UUID.randomUUID(), "news.weekly-2_x");
        assertEquals(link.personId() + "|news.weekly-2_x", link.subject());
        assertEquals(link, Unsubscribe.of(link.subject()));
    }

    @Test
    void theSameTypeOfAnotherPersonIsAnotherSubject() {
        Unsubscribe mine = new Unsubscribe(UUID.randomUUID(), "news");
        Unsubscribe theirs = new Unsubscribe(UUID.randomUUID(), "news");
        assertNotEquals(mine.subject(), theirs.subject());
    }

    @Test
    void theScopesOfTheTwoLinksDiffer() {
        // A preference-centre token can never be used as an unsubscribe token, nor the other way round.
        assertNotEquals(MailLinks.PREFERENCES_SCOPE, MailLinks.UNSUBSCRIBE_SCOPE);
    }
}
