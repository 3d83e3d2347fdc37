package org.gdprsuite.contact.api;

import org.gdprsuite.contact.domain.Person;
import org.gdprsuite.contact.domain.Retention.PolicyRequest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A retention policy without any criterion would match every person: it is refused. */
@Tag("unit")
class PolicyRequestTest {

    @Test
    void aPolicyNeedsAtLeastOneCriterion() {
        assertFalse(new PolicyRequest("all", null, false, null, true, true).isSelective());
        assertTrue(new PolicyRequest("suppliers", Person.Category.SUPPLIER, false, null, false, null).isSelective());
        assertTrue(new PolicyRequest("no basis", null, true, null, false, null).isSelective());
        assertTrue(new PolicyRequest("stale", null, false, 24, false, null).isSelective());
    }
}
