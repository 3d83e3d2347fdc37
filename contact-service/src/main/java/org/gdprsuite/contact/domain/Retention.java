package org.gdprsuite.contact.domain;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.contact.config.ContactConfig;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.RetentionErasureRequested;
import org.gdprsuite.runtime.outbox.Outbox;
import org.gdprsuite.runtime.problem.DomainProblem;
import org.gdprsuite.runtime.web.Results;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Sort;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * Retention policies: a dry run counts the matches and shows a sample; a sweep asks erasure-service,
 * one event per chunk of matching persons, to erase them through the same fan-out as a data subject's
 * erasure request (one request per person, a chunk erased as one batch), so every service erases its
 * slice. Sweeps run on a schedule, one replica at a time. The policies and the sweep log are kept here too:
 * the one place of the retention tables' SQL.
 */
@ApplicationScoped
public class Retention {

    private static final long SWEEP_LOCK = 0x7265_7465_6e74_696fL;
    private static final String MATCHES = """
            SELECT p.id FROM person p
            WHERE p.anonymized_at IS NULL AND p.retention_requested_at IS NULL
              AND (CAST(?1 AS varchar) IS NULL OR p.category = ?1)
              AND (?2 OR NOT p.restricted)
              AND (NOT ?3 OR NOT EXISTS (SELECT 1 FROM person_legal_basis b WHERE b.person_id = p.id AND b.allowed))
              AND (CAST(?4 AS timestamptz) IS NULL OR coalesce(p.last_activity_at, p.created_at) < ?4)
            ORDER BY p.id
            """;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    ContactConfig config;

    /** A new policy as the DPO defines it; {@code enabled} is true when not given. */
    public record PolicyRequest(
            @NotBlank @Size(max = 200) String name,
            Person.Category category,
            boolean withoutLegalBasis,
            @Positive @Max(600) Integer inactiveMonths,
            boolean includeRestricted,
            Boolean enabled) {

        /** A policy without any criterion would match every person. */
        @AssertTrue(message = "a policy needs at least one criterion (category, without legal basis, inactive months)")
        public boolean isSelective() {
            return category != null || withoutLegalBasis || inactiveMonths != null;
        }
    }

    public record DryRun(long matched, List<UUID> sample) {}

    public Results<RetentionPolicy> policies(int page, int size) {
        return Pages.of(RetentionPolicy.findAll(Sort.by("name").and("id")), page, size);
    }

    public RetentionPolicy policy(UUID id) {
        return RetentionPolicy.<RetentionPolicy>findByIdOptional(id)
                .orElseThrow(() -> DomainProblem.notFound("retention-policy-not-found", "No such retention policy."));
    }

    /** A new policy; names are unique. */
    @Transactional
    public RetentionPolicy create(PolicyRequest request) {
        if (RetentionPolicy.count("name", request.name()) > 0) {
            throw DomainProblem.conflict("retention-policy-exists", "A policy with this name exists.");
        }
        RetentionPolicy policy = new RetentionPolicy();
        policy.id = UUID.randomUUID();
        policy.name = request.name();
        policy.category = request.category();
        policy.withoutLegalBasis = request.withoutLegalBasis();
        policy.inactiveMonths = request.inactiveMonths();
        policy.includeRestricted = request.includeRestricted();
        policy.enabled = request.enabled() == null || request.enabled();
        policy.persist();
        return policy;
    }

    /** The sweep log, newest first. */
    public Results<RetentionSweep> sweeps(int page, int size) {
        return Pages.of(RetentionSweep.findAll(Sort.descending("startedAt").and("id")), page, size);
    }

    public DryRun dryRun(UUID policyId) {
        return dryRun(policy(policyId));
    }

    /** A sweep asked for by a user: refused while another one runs. */
    public RetentionSweep sweepNow(UUID policyId, String startedBy) {
        RetentionSweep sweep = sweep(policy(policyId), startedBy);
        if (sweep == null) {
            throw DomainProblem.conflict("retention-sweep-running", "A sweep is running; try again in a moment.");
        }
        return sweep;
    }

    public DryRun dryRun(RetentionPolicy policy) {
        List<UUID> all = matches(policy);
        return new DryRun(all.size(), all.stream().limit(10).toList());
    }

    /** Runs one sweep of {@code policy} and logs it; null if another replica is sweeping. */
    @Transactional
    public RetentionSweep sweep(RetentionPolicy policy, String startedBy) {
        boolean mine = (Boolean) em.createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, SWEEP_LOCK)
                .getSingleResult();
        if (!mine) {
            return null;
        }
        RetentionSweep sweep = new RetentionSweep();
        sweep.id = UUID.randomUUID();
        sweep.policyId = policy.id;
        sweep.startedAt = clock.instant();
        sweep.startedBy = startedBy;
        List<UUID> matches = matches(policy);
        int batchSize = config.retentionBatchSize();
        for (int from = 0; from < matches.size(); from += batchSize) {
            List<UUID> chunk = matches.subList(from, Math.min(matches.size(), from + batchSize));
            outbox.publish(
                    EventType.RETENTION_ERASURE_REQUESTED,
                    sweep.id.toString(),
                    new RetentionErasureRequested(
                            chunk, policy.name, sweep.id, policy.id, RetentionCriteria.asApproved(policy)));
        }
        if (!matches.isEmpty()) {
            em.createNativeQuery("UPDATE person SET retention_requested_at = ?1 WHERE id = ANY(?2)")
                    .setParameter(1, sweep.startedAt)
                    .setParameter(2, matches.toArray(UUID[]::new))
                    .executeUpdate();
        }
        sweep.matched = matches.size();
        sweep.finishedAt = clock.instant();
        sweep.persist();
        return sweep;
    }

    @Scheduled(
            every = "${gdpr.contact.retention-sweep-every}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduledSweeps() {
        List<RetentionPolicy> policies =
                QuarkusTransaction.requiringNew().call(() -> RetentionPolicy.<RetentionPolicy>list("enabled", true));
        for (RetentionPolicy policy : policies) {
            sweep(policy, "scheduler");
        }
    }

    @SuppressWarnings("unchecked")
    private List<UUID> matches(RetentionPolicy policy) {
        RetentionCriteria criteria = RetentionCriteria.of(policy, clock.instant());
        return em.createNativeQuery(MATCHES, UUID.class)
                .setParameter(1, criteria.category())
                .setParameter(2, criteria.includeRestricted())
                .setParameter(3, criteria.withoutLegalBasis())
                .setParameter(4, criteria.inactiveSince())
                .getResultList();
    }
}
