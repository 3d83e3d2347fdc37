package org.gdprsuite.subscription.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.gdprsuite.runtime.problem.DomainProblem;

/**
 * A selection's filter over the persons of the read models; every criterion is optional and they all apply
 * (AND). Only what the read models hold: category, creation time, restriction, consent state per purpose and
 * subscription. Erased persons are never selected.
 *
 * @param categories any of these categories (empty: any)
 * @param createdFrom created at or after (persons known before creation times were kept have none)
 * @param createdBefore created before
 * @param restricted true: only restricted persons (Art. 18); false: only unrestricted; null: both
 * @param consents each purpose allowed (a consent or other basis in force) or not allowed now
 * @param subscribedTo subscribed to this subscription type
 */
public record Criteria(
        List<String> categories,
        Instant createdFrom,
        Instant createdBefore,
        Boolean restricted,
        List<ConsentCriterion> consents,
        String subscribedTo) {

    public enum ConsentState {
        ALLOWED,
        NOT_ALLOWED
    }

    public record ConsentCriterion(String purpose, ConsentState state) {}

    /** The SQL condition on {@code contact_read_model c}, with its parameters ({@code ?1..?n}, after {@code first}). */
    public record Where(String sql, List<Object> parameters) {}

    public Criteria {
        categories = categories == null ? List.of() : List.copyOf(categories);
        consents = consents == null ? List.of() : List.copyOf(consents);
    }

    /** Refuses a filter that cannot select anyone by mistake (dates the wrong way round, incomplete criteria). */
    public Criteria validated() {
        if (createdFrom != null && createdBefore != null && !createdFrom.isBefore(createdBefore)) {
            throw DomainProblem.unprocessable("selection-invalid", "createdFrom must be before createdBefore.");
        }
        if (categories.size() > 20 || consents.size() > 20) {
            throw DomainProblem.unprocessable("selection-invalid", "At most 20 categories and 20 consent criteria.");
        }
        for (String category : categories) {
            if (category == null || category.isBlank() || category.length() > 20) {
                throw DomainProblem.unprocessable("selection-invalid", "A category is 1 to 20 characters.");
            }
        }
        for (ConsentCriterion consent : consents) {
            if (consent == null
                    || consent.state() == null
                    || consent.purpose() == null
                    || consent.purpose().isBlank()
                    || consent.purpose().length() > 100) {
                throw DomainProblem.unprocessable(
                        "selection-invalid", "A consent criterion names a purpose (1 to 100 characters) and a state.");
            }
        }
        return this;
    }

    /**
     * The condition on {@code contact_read_model c}; its parameters are numbered from {@code first}, {@code now}
     * decides whether a consent is still in force.
     */
    public Where where(int first, Instant now) {
        List<Object> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder("NOT c.anonymized");
        if (!categories.isEmpty()) {
            parameters.add(categories.toArray(String[]::new));
            sql.append(" AND c.category = ANY(CAST(?")
                    .append(first + parameters.size() - 1)
                    .append(" AS varchar[]))");
        }
        if (createdFrom != null) {
            parameters.add(createdFrom);
            sql.append(" AND c.created_at >= ?").append(first + parameters.size() - 1);
        }
        if (createdBefore != null) {
            parameters.add(createdBefore);
            sql.append(" AND c.created_at < ?").append(first + parameters.size() - 1);
        }
        if (restricted != null) {
            sql.append(restricted ? " AND c.restricted" : " AND NOT c.restricted");
        }
        for (ConsentCriterion consent : consents) {
            parameters.add(consent.purpose());
            int purpose = first + parameters.size() - 1;
            parameters.add(now);
            int at = first + parameters.size() - 1;
            sql.append(consent.state() == ConsentState.ALLOWED ? " AND EXISTS" : " AND NOT EXISTS")
                    .append(" (SELECT 1 FROM consent_read_model k WHERE k.purpose = ?")
                    .append(purpose)
                    .append(" AND k.person_id = c.person_id AND k.allowed AND (k.until IS NULL OR k.until > ?")
                    .append(at)
                    .append("))");
        }
        if (subscribedTo != null) {
            parameters.add(subscribedTo);
            sql.append(" AND EXISTS (SELECT 1 FROM subscription s WHERE s.type_key = ?")
                    .append(first + parameters.size() - 1)
                    .append(" AND s.person_id = c.person_id AND s.subscribed)");
        }
        return new Where(sql.toString(), List.copyOf(parameters));
    }
}
