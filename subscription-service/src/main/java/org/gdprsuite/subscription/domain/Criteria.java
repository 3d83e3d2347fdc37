package org.gdprsuite.subscription.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.gdprsuite.runtime.problem.DomainProblem;

/**
 * A selection's filter over the persons of the read models; every criterion is optional and they all apply
 * (AND). Only what the read models hold: category, country, organisation, source, creation time, last activity,
 * restriction, consent state per purpose and subscription. Erased persons are never selected.
 *
 * @param categories any of these categories (empty: any)
 * @param countries any of these countries, ISO 3166-1 alpha-2 (empty: any; persons of no known country never)
 * @param organisations working for any of these organisations (empty: any)
 * @param sources whose data came from any of these sources, e.g. an import's (empty: any)
 * @param createdFrom created at or after (persons known before creation times were kept have none)
 * @param createdBefore created before
 * @param activeFrom last activity (a call, a mail, a meeting) at or after; persons without any activity never
 * @param activeBefore last activity before; persons without any activity never
 * @param restricted true: only restricted persons (Art. 18); false: only unrestricted; null: both
 * @param consents each purpose allowed (a consent or other basis in force) or not allowed now
 * @param subscribedTo subscribed to this subscription type
 */
public record Criteria(
        List<String> categories,
        List<String> countries,
        List<UUID> organisations,
        List<String> sources,
        Instant createdFrom,
        Instant createdBefore,
        Instant activeFrom,
        Instant activeBefore,
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

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final int LIST_MAX = 20;

    public Criteria {
        categories = categories == null ? List.of() : List.copyOf(categories);
        countries = countries == null ? List.of() : List.copyOf(countries);
        organisations = organisations == null ? List.of() : List.copyOf(organisations);
        sources = sources == null ? List.of() : List.copyOf(sources);
        consents = consents == null ? List.of() : List.copyOf(consents);
    }

    /** Refuses a filter that cannot select anyone by mistake (dates the wrong way round, incomplete criteria). */
    public Criteria validated() {
        if (createdFrom != null && createdBefore != null && !createdFrom.isBefore(createdBefore)) {
            throw DomainProblem.unprocessable("selection-invalid", "createdFrom must be before createdBefore.");
        }
        if (activeFrom != null && activeBefore != null && !activeFrom.isBefore(activeBefore)) {
            throw DomainProblem.unprocessable("selection-invalid", "activeFrom must be before activeBefore.");
        }
        if (categories.size() > LIST_MAX
                || countries.size() > LIST_MAX
                || organisations.size() > LIST_MAX
                || sources.size() > LIST_MAX
                || consents.size() > LIST_MAX) {
            throw DomainProblem.unprocessable(
                    "selection-invalid",
                    "At most 20 categories, countries, organisations, sources and consent criteria each.");
        }
        for (String country : countries) {
            if (country == null || !COUNTRY.matcher(country).matches()) {
                throw DomainProblem.unprocessable(
                        "selection-invalid", "A country is an ISO 3166-1 alpha-2 code in capitals, such as DE.");
            }
        }
        for (String source : sources) {
            if (source == null || source.isBlank() || source.length() > 200) {
                throw DomainProblem.unprocessable("selection-invalid", "A source is 1 to 200 characters.");
            }
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
        anyOf(sql, parameters, first, "c.category", "varchar[]", categories);
        anyOf(sql, parameters, first, "c.country", "char(2)[]", countries);
        anyOf(sql, parameters, first, "c.organisation_id", "uuid[]", organisations);
        anyOf(sql, parameters, first, "c.source", "varchar[]", sources);
        if (createdFrom != null) {
            parameters.add(createdFrom);
            sql.append(" AND c.created_at >= ?").append(first + parameters.size() - 1);
        }
        if (createdBefore != null) {
            parameters.add(createdBefore);
            sql.append(" AND c.created_at < ?").append(first + parameters.size() - 1);
        }
        if (activeFrom != null) {
            parameters.add(activeFrom);
            sql.append(" AND c.last_activity_at >= ?").append(first + parameters.size() - 1);
        }
        if (activeBefore != null) {
            parameters.add(activeBefore);
            sql.append(" AND c.last_activity_at < ?").append(first + parameters.size() - 1);
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

    /** {@code column} is one of {@code values} (bound as a text array, cast to the column's type); none: no condition. */
    private static void anyOf(
            StringBuilder sql, List<Object> parameters, int first, String column, String type, List<?> values) {
        if (values.isEmpty()) {
            return;
        }
        parameters.add(values.stream().map(Object::toString).toArray(String[]::new));
        sql.append(" AND ")
                .append(column)
                .append(" = ANY(CAST(?")
                .append(first + parameters.size() - 1)
                .append(" AS ")
                .append(type)
                .append("))");
    }
}
