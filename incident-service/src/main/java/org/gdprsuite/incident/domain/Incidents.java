package org.gdprsuite.incident.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.incident.domain.Incident.Status;
import org.gdprsuite.runtime.problem.DomainProblem;
import org.gdprsuite.runtime.web.Results;

import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** The register's queries: every read and bulk write of incidents, affected persons and timelines is here. */
@ApplicationScoped
public class Incidents {

    /** Breaches whose authority notification is still to be made (see {@link Incident#awaitsAuthorityNotification()}). */
    private static final String AWAITING =
            "authorityNotifiedAt is null and status <> :closed " + "and (risk is null or risk <> :noRisk)";

    @Inject
    EntityManager em;

    public Incident find(UUID id) {
        return Incident.<Incident>findByIdOptional(id)
                .orElseThrow(() -> DomainProblem.notFound("incident-not-found", "No such incident."));
    }

    /** An incident that may still change: a closed one is final. */
    public Incident open(UUID id) {
        Incident incident = find(id);
        if (incident.status == Status.CLOSED) {
            throw DomainProblem.conflict("incident-closed", "The incident is closed.");
        }
        return incident;
    }

    public String nextReference() {
        return "INC-"
                + em.createNativeQuery("SELECT nextval('incident_reference_seq')")
                        .getSingleResult();
    }

    /** One page of the register, newest first; {@code overdueOnly}: those past their 72 hours at {@code now}. */
    public Results<Incident> page(boolean overdueOnly, Instant now, int page, int size) {
        var query = overdueOnly
                ? Incident.<Incident>find(
                        AWAITING + " and awareAt <= :cutoff",
                        Sort.descending("reportedAt").and("id"),
                        awaiting().and("cutoff", now.minus(Incident.NOTIFICATION_DEADLINE)))
                : Incident.<Incident>findAll(Sort.descending("reportedAt").and("id"));
        return new Results<>(query.page(Page.of(page, size)).list(), page, size, query.count());
    }

    /** The register export: incidents the controller became aware of in [from, to), either bound optional. */
    public List<Incident> awareBetween(Instant from, Instant to) {
        Parameters parameters = new Parameters();
        StringBuilder where = new StringBuilder("1 = 1");
        if (from != null) {
            where.append(" and awareAt >= :from");
            parameters.and("from", from);
        }
        if (to != null) {
            where.append(" and awareAt < :to");
            parameters.and("to", to);
        }
        return Incident.list(where.toString(), Sort.by("reportedAt").and("id"), parameters);
    }

    public List<Incident> awaitingAuthority() {
        return Incident.list(AWAITING, awaiting());
    }

    public long countAwaitingAuthority() {
        return Incident.count(AWAITING, awaiting());
    }

    public long countOverdue(Instant now) {
        return Incident.count(
                AWAITING + " and awareAt <= :cutoff",
                awaiting().and("cutoff", now.minus(Incident.NOTIFICATION_DEADLINE)));
    }

    /** Affected persons per incident, in one query for a page of incidents. */
    public Map<UUID, Long> affectedCounts(Collection<UUID> incidentIds) {
        Map<UUID, Long> counts = new HashMap<>();
        if (!incidentIds.isEmpty()) {
            em.createQuery(
                            "select a.incidentId, count(a) from AffectedPerson a where a.incidentId in :ids "
                                    + "group by a.incidentId",
                            Object[].class)
                    .setParameter("ids", incidentIds)
                    .getResultList()
                    .forEach(row -> counts.put((UUID) row[0], (Long) row[1]));
        }
        return counts;
    }

    public long affectedCount(UUID incidentId) {
        return affectedCounts(List.of(incidentId)).getOrDefault(incidentId, 0L);
    }

    /** Affected persons not yet told of the breach (Art. 34). */
    public List<AffectedPerson> notYetTold(UUID incidentId) {
        return AffectedPerson.list("incidentId = ?1 and notifiedAt is null", incidentId);
    }

    public long countNotYetTold(UUID incidentId) {
        return AffectedPerson.count("incidentId = ?1 and notifiedAt is null", incidentId);
    }

    /** Adds persons to an incident, each once; returns how many were new. */
    public int addAffected(UUID incidentId, Collection<UUID> personIds, Instant now) {
        int added = 0;
        for (UUID personId : personIds) {
            added += em.createNativeQuery("""
                    INSERT INTO incident_affected_person (incident_id, person_id, added_at) VALUES (?1, ?2, ?3)
                    ON CONFLICT DO NOTHING
                    """)
                    .setParameter(1, incidentId)
                    .setParameter(2, personId)
                    .setParameter(3, now)
                    .executeUpdate();
        }
        return added;
    }

    /** The incidents of these ids, by id (one query). */
    public Map<UUID, Incident> byIds(Collection<UUID> ids) {
        Map<UUID, Incident> found = new HashMap<>();
        if (!ids.isEmpty()) {
            Incident.<Incident>list("id in ?1", ids).forEach(i -> found.put(i.id, i));
        }
        return found;
    }

    /** Where these persons are named as affected. */
    public List<AffectedPerson> affecting(Collection<UUID> personIds) {
        return personIds.isEmpty() ? List.of() : AffectedPerson.list("personId in ?1", personIds);
    }

    /** The incidents reported by outsiders who left one of these addresses (compared in lower case). */
    public List<Incident> reportedBy(Collection<String> emails) {
        List<String> lower = emails.stream().map(String::toLowerCase).toList();
        return lower.isEmpty() ? List.of() : Incident.list("lower(reporterContact) in ?1", lower);
    }

    public List<TimelineEntry> timeline(UUID incidentId) {
        return TimelineEntry.list("incidentId", Sort.by("id"), incidentId);
    }

    private static Parameters awaiting() {
        return Parameters.with("closed", Status.CLOSED).and("noRisk", RiskAssessment.Risk.NO_RISK);
    }
}
