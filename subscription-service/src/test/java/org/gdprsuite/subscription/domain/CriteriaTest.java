package org.gdprsuite.subscription.domain;

import java.time.Instant;
import java.util.List;

import org.gdprsuite.runtime.problem.DomainProblem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Tag("unit")
class CriteriaTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");

    @Test
    void noCriterionSelectsEveryoneNotErased() {
        Criteria.Where where = new Criteria(null, null, null, null, null, null).where(1, NOW);
        assertEquals("NOT c.anonymized", where.sql());
        assertEquals(List.of(), where.parameters());
    }

    @Test
    void everyCriterionIsAConditionWithItsParametersNumberedFromTheFirst() {
        Criteria criteria = new Criteria(
                List.of("CUSTOMER"),
                NOW.minusSeconds(60),
                NOW,
                false,
                List.of(new Criteria.ConsentCriterion("news", Criteria.ConsentState.NOT_ALLOWED)),
                "weekly");
        Criteria.Where where = criteria.where(3, NOW);
        assertEquals(
                "NOT c.anonymized AND c.category = ANY(CAST(?3 AS varchar[])) AND c.created_at >= ?4"
                        + " AND c.created_at < ?5 AND NOT c.restricted AND NOT EXISTS (SELECT 1 FROM"
                        + " consent_read_model k WHERE k.purpose = ?6 AND k.person_id = c.person_id AND k.allowed"
                        + " AND (k.until IS NULL OR k.until > ?7)) AND EXISTS (SELECT 1 FROM subscription s WHERE"
                        + " s.type_key = ?8 AND s.person_id = c.person_id AND s.subscribed)",
                where.sql());
        assertArrayEquals(
                new String[] {"CUSTOMER"}, (String[]) where.parameters().get(0));
        assertEquals(
                List.of(NOW.minusSeconds(60), NOW, "news", NOW, "weekly"),
                where.parameters().subList(1, 6));
    }

    @Test
    void datesTheWrongWayRoundAndIncompleteConsentCriteriaAreRefused() {
        assertThrows(DomainProblem.class, () -> new Criteria(null, NOW, NOW, null, null, null).validated());
        assertThrows(
                DomainProblem.class,
                () -> new Criteria(null, null, null, null, List.of(new Criteria.ConsentCriterion("news", null)), null)
                        .validated());
    }
}
