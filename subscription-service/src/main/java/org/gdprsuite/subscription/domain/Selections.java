package org.gdprsuite.subscription.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.runtime.problem.DomainProblem;
import org.gdprsuite.runtime.web.Results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

/** Saved, named filters over the persons of the read models, and their counts, evaluated in SQL. */
@ApplicationScoped
public class Selections {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Inject
    SubscriptionTypes types;

    public record Selection(
            UUID id, String name, Criteria criteria, String createdBy, Instant createdAt, Instant updatedAt) {}

    /**
     * What a selection holds now: its persons, how many of them are restricted or have no address, how many an
     * information mailing reaches, and (with a subscription type) how many a marketing mailing of it reaches.
     */
    public record Preview(long persons, long restricted, long withoutAddress, long informable, Long marketable) {}

    @Transactional
    public Selection create(String name, Criteria criteria, String by) {
        check(criteria);
        unique(name, null);
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        em.createNativeQuery("INSERT INTO selection (id, name, criteria, created_by, created_at, updated_at)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?5)")
                .setParameter(1, id)
                .setParameter(2, name)
                .setParameter(3, write(criteria))
                .setParameter(4, by)
                .setParameter(5, now)
                .executeUpdate();
        return get(id);
    }

    @Transactional
    public Selection update(UUID id, String name, Criteria criteria) {
        get(id);
        check(criteria);
        unique(name, id);
        em.createNativeQuery("UPDATE selection SET name = ?2, criteria = ?3, updated_at = ?4 WHERE id = ?1")
                .setParameter(1, id)
                .setParameter(2, name)
                .setParameter(3, write(criteria))
                .setParameter(4, clock.instant())
                .executeUpdate();
        return get(id);
    }

    /** A selection a mailing was sent to stays: the mailing's record names it. */
    @Transactional
    public void delete(UUID id) {
        get(id);
        long used = count(em.createNativeQuery("SELECT count(*) FROM mailing WHERE selection_id = ?1")
                .setParameter(1, id));
        if (used > 0) {
            throw DomainProblem.conflict("selection-in-use", "A mailing was sent to this selection; it is kept.");
        }
        em.createNativeQuery("DELETE FROM selection WHERE id = ?1")
                .setParameter(1, id)
                .executeUpdate();
    }

    public Selection get(UUID id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT id, name, criteria, created_by, created_at, updated_at FROM selection WHERE id = ?1")
                .setParameter(1, id)
                .getResultList();
        return rows.stream()
                .findFirst()
                .map(this::selection)
                .orElseThrow(() -> DomainProblem.notFound("selection-not-found", "No such selection."));
    }

    public Results<Selection> list(int page, int size) {
        long total = count(em.createNativeQuery("SELECT count(*) FROM selection"));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT id, name, criteria, created_by, created_at, updated_at"
                        + " FROM selection ORDER BY name LIMIT ?1 OFFSET ?2")
                .setParameter(1, size)
                .setParameter(2, Results.offset(page, size))
                .getResultList();
        return new Results<>(rows.stream().map(this::selection).toList(), page, size, total);
    }

    /** The counts of {@code criteria} now; with {@code typeKey}, also the members of its audience among them. */
    public Preview preview(Criteria criteria, String typeKey) {
        check(criteria);
        Instant now = clock.instant();
        Criteria.Where where = criteria.where(1, now);
        Object[] counts = (Object[]) bind(
                        em.createNativeQuery("SELECT count(*), count(*) FILTER (WHERE c.restricted),"
                                + " count(*) FILTER (WHERE c.email IS NULL),"
                                + " count(*) FILTER (WHERE NOT c.restricted AND c.email IS NOT NULL)"
                                + " FROM contact_read_model c WHERE " + where.sql()),
                        where.parameters())
                .getSingleResult();
        Long marketable = null;
        if (typeKey != null) {
            types.get(typeKey);
            int next = where.parameters().size() + 1;
            // As a marketing mailing of the type to this selection would be planned now.
            marketable = count(bind(
                    em.createNativeQuery("SELECT count(*) FROM (SELECT c.person_id FROM contact_read_model c WHERE "
                            + where.sql() + ") x CROSS JOIN (SELECT 'MARKETING' AS kind, CAST(?" + next
                            + " AS varchar) AS type_key, CAST(NULL AS varchar) AS override_reason) m "
                            + Eligibility.JOINS + " WHERE " + Eligibility.skipReason(next + 1) + " IS NULL"),
                    where.parameters(),
                    typeKey,
                    now));
        }
        return new Preview(number(counts[0]), number(counts[1]), number(counts[2]), number(counts[3]), marketable);
    }

    private void check(Criteria criteria) {
        criteria.validated();
        if (criteria.subscribedTo() != null) {
            types.get(criteria.subscribedTo());
        }
    }

    private void unique(String name, UUID except) {
        long same = count(em.createNativeQuery("SELECT count(*) FROM selection WHERE name = ?1 AND id <> ?2")
                .setParameter(1, name)
                .setParameter(2, except == null ? new UUID(0, 0) : except));
        if (same > 0) {
            throw DomainProblem.conflict("selection-name-taken", "A selection of this name exists.");
        }
    }

    static Query bind(Query query, List<Object> parameters, Object... more) {
        int i = 1;
        for (Object parameter : parameters) {
            query.setParameter(i++, parameter);
        }
        for (Object parameter : more) {
            query.setParameter(i++, parameter);
        }
        return query;
    }

    private static long count(Query query) {
        return number(query.getSingleResult());
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private Selection selection(Object[] r) {
        return new Selection(
                (UUID) r[0], (String) r[1], read((String) r[2]), (String) r[3], instant(r[4]), instant(r[5]));
    }

    static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        } else if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        } else if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("not a time: " + value.getClass());
    }

    private String write(Criteria criteria) {
        try {
            return json.writeValueAsString(criteria);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Criteria read(String stored) {
        try {
            return json.readValue(stored, Criteria.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
