package org.gdprsuite.contact.domain;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Where the base stands (for the DPO): persons without legal basis, stale, restricted, erased, uncatalogued fields. */
@ApplicationScoped
public class ComplianceReports {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** Counts over live persons; {@code stale}: no activity (or, without any, creation) for {@code staleMonths}. */
    public record ComplianceReport(
            long persons,
            long withoutLegalBasis,
            long stale,
            int staleMonths,
            long restricted,
            long anonymized,
            Map<String, Long> uncataloguedFields) {}

    public ComplianceReport report(int staleMonths) {
        var staleBefore =
                clock.instant().atZone(ZoneOffset.UTC).minusMonths(staleMonths).toInstant();
        Object[] counts = (Object[])
                em.createNativeQuery("""
                SELECT count(*) FILTER (WHERE anonymized_at IS NULL),
                       count(*) FILTER (WHERE anonymized_at IS NULL AND NOT EXISTS
                           (SELECT 1 FROM person_legal_basis b WHERE b.person_id = p.id AND b.allowed)),
                       count(*) FILTER (WHERE anonymized_at IS NULL AND coalesce(last_activity_at, created_at) < ?1),
                       count(*) FILTER (WHERE anonymized_at IS NULL AND restricted),
                       count(*) FILTER (WHERE anonymized_at IS NOT NULL)
                FROM person p
                """).setParameter(1, staleBefore).getSingleResult();
        Map<String, Long> uncatalogued = new LinkedHashMap<>();
        for (Object row : em.createNativeQuery("""
                SELECT k, count(*) FROM person, jsonb_object_keys(custom_fields) AS k
                WHERE anonymized_at IS NULL GROUP BY k ORDER BY k
                """).getResultList()) {
            Object[] cells = (Object[]) row;
            uncatalogued.put((String) cells[0], n(cells[1]));
        }
        return new ComplianceReport(
                n(counts[0]), n(counts[1]), n(counts[2]), staleMonths, n(counts[3]), n(counts[4]), uncatalogued);
    }

    private static long n(Object count) {
        return ((Number) count).longValue();
    }
}
