package org.gdprsuite.contact.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.runtime.web.Results;
import org.hibernate.Session;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** Every query of the person aggregate (persons, their activities and change log): the one place of its SQL. */
@ApplicationScoped
public class PersonStore {

    @Inject
    EntityManager em;

    /**
     * A search: {@code q} in names, {@code email}, {@code organisation} name; {@code processing} leaves
     * out restricted persons and those consent-service's decision denies some purpose because of a right they
     * exercised (objection, opt-out; mailings, bulk work, exports to integrations). Blank means no criterion.
     */
    public record Criteria(String q, String email, String organisation, boolean processing) {}

    /** The persons a bulk update may change: live, not restricted, and of every criterion given. */
    public record Selection(Person.Category category, String owner, UUID organisationId) {}

    /** Projection of the ids only. */
    public record IdOnly(UUID id) {}

    public Person find(UUID id) {
        return Person.findById(id);
    }

    public List<Person> byIds(Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : Person.list("id in ?1", Sort.by("id"), ids);
    }

    public List<Person> liveByIds(Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : Person.list("id in ?1 and anonymizedAt is null", ids);
    }

    /** Every person with this address, restricted and anonymized ones included (subject resolution). */
    public List<Person> byEmail(String email) {
        return Person.list("lower(email) = ?1", Sort.by("id"), email.strip().toLowerCase());
    }

    /** The live persons with one of these addresses (lower case): the duplicates an import chunk meets. */
    public List<Person> liveByEmails(Collection<String> emails) {
        return emails.isEmpty()
                ? List.of()
                : Person.list("lower(email) in ?1 and anonymizedAt is null", Sort.by("id"), emails);
    }

    public Results<Person> search(Criteria criteria, int page, int size) {
        StringBuilder where = new StringBuilder("anonymizedAt is null");
        Map<String, Object> params = new HashMap<>();
        if (criteria.q() != null && !criteria.q().isBlank()) {
            where.append(" and (lower(firstName) like :q" + Pages.ESCAPE + " or lower(lastName) like :q" + Pages.ESCAPE
                    + " or lower(concat(firstName, ' ', lastName)) like :q" + Pages.ESCAPE + ")");
            params.put("q", Pages.containing(criteria.q()));
        }
        if (criteria.email() != null && !criteria.email().isBlank()) {
            where.append(" and lower(email) = :email");
            params.put("email", criteria.email().strip().toLowerCase());
        }
        if (criteria.organisation() != null && !criteria.organisation().isBlank()) {
            where.append(" and organisationId in (select o.id from Organisation o where lower(o.name) like :org"
                    + Pages.ESCAPE + ")");
            params.put("org", Pages.containing(criteria.organisation()));
        }
        if (criteria.processing()) {
            // As consent-service decides: restricted here, or denied some purpose by a right exercised anywhere.
            where.append(" and restricted = false and id not in (select d.personId from DeniedByRight d)");
        }
        return Pages.of(
                Person.find(
                        where.toString(), Sort.by("lastName").and("firstName").and("id"), params),
                page,
                size);
    }

    public List<UUID> idsMatching(Selection selection) {
        StringBuilder where = new StringBuilder("anonymizedAt is null and restricted = false");
        Map<String, Object> params = new LinkedHashMap<>();
        if (selection.category() != null) {
            where.append(" and category = :category");
            params.put("category", selection.category());
        }
        if (selection.owner() != null) {
            where.append(" and owner = :owner");
            params.put("owner", selection.owner());
        }
        if (selection.organisationId() != null) {
            where.append(" and organisationId = :organisation");
            params.put("organisation", selection.organisationId());
        }
        return Person.<Person>find(where + " order by id", params).project(IdOnly.class).list().stream()
                .map(IdOnly::id)
                .toList();
    }

    /** A person's activities, oldest first. */
    public Results<Activity> activities(UUID personId, int page, int size) {
        return Pages.of(Activity.find("personId", Sort.by("occurredAt").and("id"), personId), page, size);
    }

    /** Every activity of a person, oldest first (the person's own export). */
    public List<Activity> activities(UUID personId) {
        return Activity.list("personId", Sort.by("occurredAt").and("id"), personId);
    }

    /** A person's change log, in the order of the changes. */
    public Results<PersonChange> changes(UUID personId, int page, int size) {
        return Pages.of(PersonChange.find("personId", Sort.by("id"), personId), page, size);
    }

    /**
     * An activity is not an edit of the person: it moves lastActivityAt without a new version, so that
     * activities logged at the same time, or an editor holding the person's ETag, do not conflict. True if it
     * moved.
     */
    public boolean moveLastActivity(UUID personId, Instant occurredAt) {
        return Person.update(
                        "lastActivityAt = ?1 where id = ?2 and (lastActivityAt is null or lastActivityAt < ?1)",
                        occurredAt,
                        personId)
                > 0;
    }

    /** The set-based part of erasure: activity text destroyed and one log row per person, a statement each. */
    public void eraseActivitiesAndLog(UUID[] personIds, Instant at, String actor) {
        Activity.update("subject = ?1, body = ?1 where personId in ?2", Activity.ERASED, List.of(personIds));
        em.createNativeQuery("""
                INSERT INTO person_change (person_id, at, by_user, action) SELECT p, ?1, ?2, 'anonymized'
                FROM unnest(CAST(?3 AS uuid[])) AS p
                """)
                .setParameter(1, at)
                .setParameter(2, actor)
                .setParameter(3, personIds)
                .executeUpdate();
    }

    /** Changed rows of this transaction go to the database in JDBC batches of {@code size}. */
    public void batchWrites(int size) {
        em.unwrap(Session.class).setJdbcBatchSize(size);
    }
}
