package org.gdprsuite.contact.domain;

import java.time.Instant;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A policy's criteria at a moment: what the match query is given. */
@Tag("unit")
class RetentionCriteriaTest {

    private static final Instant NOW = Instant.parse("2026-03-31T09:30:00Z");

    @Test
    void inactivityIsCalendarMonthsBackInUtc() {
        assertEquals(
                Instant.parse("2024-03-31T09:30:00Z"),
                RetentionCriteria.of(policy(null, 24), NOW).inactiveSince());
        // A month back from the 31st is the last day of the shorter month.
        assertEquals(
                Instant.parse("2026-02-28T09:30:00Z"),
                RetentionCriteria.of(policy(null, 1), NOW).inactiveSince());
    }

    @Test
    void criteriaNotSetMatchAnything() {
        RetentionPolicy policy = policy(null, null);
        policy.withoutLegalBasis = true;
        assertEquals(new RetentionCriteria(null, false, true, null), RetentionCriteria.of(policy, NOW));
    }

    @Test
    void theCategoryAndRestrictedPersonsAreAsThePolicySays() {
        RetentionPolicy policy = policy(Person.Category.SUPPLIER, null);
        policy.includeRestricted = true;
        assertEquals(new RetentionCriteria("SUPPLIER", true, false, null), RetentionCriteria.of(policy, NOW));
    }

    private static RetentionPolicy policy(Person.Category category, Integer inactiveMonths) {
        RetentionPolicy policy = new RetentionPolicy();
        policy.name = "test";
        policy.category = category;
        policy.inactiveMonths = inactiveMonths;
        return policy;
    }
}
