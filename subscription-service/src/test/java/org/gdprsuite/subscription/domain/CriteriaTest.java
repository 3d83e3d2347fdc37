package org.gdprsuite.subscription.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

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
        Criteria.Where where =
                new Criteria(null, null, null, null, null, null, null, null, null, null, null).where(1, NOW);
        assertEquals("NOT c.anonymized", where.sql());
        assertEquals(List.of(), where.parameters());
    }

    @Test
    void everyCriterionIsAConditionWithItsParametersNumberedFromTheFirst() {
        Criteria criteria = new Criteria(
                List.of("CUSTOMER"),
                List.of(),
                List.of(),
                List.of(),
                NOW.minusSeconds(60),
                NOW,
                NOW.minusSeconds(30),
                NOW.minusSeconds(10),
                false,
                List.of(new Criteria.ConsentCriterion("news", Criteria.ConsentState.NOT_ALLOWED)),
                "weekly");
        Criteria.Where where = criteria.where(3, NOW);
        assertEquals(
                "NOT c.anonymized AND c.category = ANY(CAST(?3 AS varchar[])) AND c.created_at >= ?4"
                        + " AND c.created_at < ?5 AND c.last_activity_at >= ?6 AND c.last_activity_at < ?7"
                        + " AND NOT c.restricted AND NOT EXISTS (SELECT 1 FROM"
                        + " consent_read_model k WHERE k.purpose = ?8 AND k.person_id = c.person_id AND k.allowed"
                        + " AND (k.until IS NULL OR k.until > ?9)) AND EXISTS (SELECT 1 FROM subscription s WHERE"
                        + " s.type_key = ?10 AND s.person_id = c.person_id AND s.subscribed)",
                where.sql());
        assertArrayEquals(
                new String[] {"CUSTOMER"}, (String[]) where.parameters().get(0));
        assertEquals(
                List.of(NOW.minusSeconds(60), NOW, NOW.minusSeconds(30), NOW.minusSeconds(10), "news", NOW, "weekly"),
                where.parameters().subList(1, 8));
    }

    @Test
    void countriesOrganisationsAndSourcesAreAnyOfTheirValues() {
        UUID organisation = UUID.randomUUID();
        Criteria.Where where = new Criteria(
                        null,
                        List.of("DE", "AT"),
                        List.of(organisation),
                        List.of("fair-2026"),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null)
                .where(1, NOW);
        assertEquals(
                "NOT c.anonymized AND c.country = ANY(CAST(?1 AS char(2)[])) AND c.organisation_id ="
                        + " ANY(CAST(?2 AS uuid[])) AND c.source = ANY(CAST(?3 AS varchar[]))",
                where.sql());
        assertArrayEquals(
                new String[] {"DE", "AT"}, (String[]) where.parameters().get(0));
        assertArrayEquals(new String[] {organisation.toString()}, (String[])
                where.parameters().get(1));
        assertArrayEquals(
                new String[] {"fair-2026"}, (String[]) where.parameters().get(2));
    }

    @Test
    void aCountryIsAnIsoCodeAndASourceIsNotBlank() {
        for (List<String> countries : List.of(List.of("de"), List.of("DEU"), List.of("D1"))) {
            assertThrows(
                    DomainProblem.class,
                    () -> new Criteria(null, countries, null, null, null, null, null, null, null, null, null)
                            .validated(),
                    countries.toString());
        }
        assertThrows(
                DomainProblem.class,
                () -> new Criteria(null, null, null, List.of(" "), null, null, null, null, null, null, null)
                        .validated());
    }

    @Test
    void datesTheWrongWayRoundAndIncompleteConsentCriteriaAreRefused() {
        assertThrows(
                DomainProblem.class,
                () -> new Criteria(null, null, null, null, NOW, NOW, null, null, null, null, null).validated());
        assertThrows(
                DomainProblem.class,
                () -> new Criteria(null, null, null, null, null, null, NOW, NOW, null, null, null).validated());
        List<Criteria.ConsentCriterion> noState = List.of(new Criteria.ConsentCriterion("news", null));
        assertThrows(
                DomainProblem.class,
                () -> new Criteria(null, null, null, null, null, null, null, null, null, noState, null).validated());
    }
}
