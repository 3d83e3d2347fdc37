package org.gdprsuite.subscription.domain;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** The two mail links are not interchangeable (their subject, person|type, is tested with PersonKeySubject). */
@Tag("unit")
class MailLinksTest {

    @Test
    void theScopesOfTheTwoLinksDiffer() {
        // A preference-centre token can never be used as an unsubscribe token, nor the other way round.
        assertNotEquals(MailLinks.PREFERENCES_SCOPE, MailLinks.UNSUBSCRIBE_SCOPE);
    }
}
