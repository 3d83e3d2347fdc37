package org.gdprsuite.consent.domain;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.consent.config.ConsentConfig;
import org.gdprsuite.consent.domain.ConsentLedger.Entry;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * A purpose's retention period enforced: once it is over for a person (counted from when their basis for the purpose
 * took effect), the basis ends (recorded {@code EXPIRED} by "consent-service (retention)"), so nothing processes them
 * for it any more. A person no other purpose holds then has no basis left: contact-service's read model learns it
 * from {@code consent.state-changed}, and a DPO-approved retention policy "without legal basis" sends them to the
 * retention sweep (erasure through the same fan-out as a request). The dry run shows the DPO who is due, and who of
 * them would have no basis left, before any of it happens.
 */
@ApplicationScoped
public class PurposeRetention {

    public static final int BATCH = 500;

    /** Bases in force whose purpose's retention period is over at ?1 (per purpose, by when they took effect). */
    private static final String DUE = """
            SELECT s.person_id, s.purpose_key, s.legal_basis FROM consent_state s
            JOIN purpose p ON p.purpose_key = s.purpose_key
            WHERE p.retention_period IS NOT NULL AND s.status = 'GRANTED'
              AND s.effective_at + CAST(p.retention_period AS interval) <= ?1
            """;

    /** Per purpose: how many bases end, and how many of their persons are then held by no purpose at all. */
    public record Due(String purpose, String retentionPeriod, long ending, long leftWithoutBasis, List<UUID> sample) {}

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ConsentLedger ledger;

    @Inject
    ConsentConfig config;

    /** When the DPO switched enforcement on: the due bases end on a schedule, a batch at a time. */
    @Scheduled(
            every = "${gdpr.consent.retention.check-every}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        if (config.consent().retention().enforce()) {
            while (enforce(BATCH) == BATCH) {
                // a full batch: more may be due
            }
        }
    }

    /** Who is due at {@code at} (now, or later to see the upcoming ones); a sample of those left without a basis. */
    @SuppressWarnings("unchecked")
    public List<Due> dryRun(Instant at) {
        List<Object[]> rows = em.createNativeQuery("WITH due AS (" + DUE + "), counted AS ("
                        + " SELECT d.purpose_key, d.person_id, NOT EXISTS (SELECT 1 FROM consent_state o"
                        + "   WHERE o.person_id = d.person_id AND o.status = 'GRANTED' AND NOT EXISTS ("
                        + "     SELECT 1 FROM due x WHERE x.person_id = o.person_id AND x.purpose_key = o.purpose_key))"
                        + "   AS unheld FROM due d)"
                        + " SELECT c.purpose_key, p.retention_period, count(*), count(*) FILTER (WHERE c.unheld),"
                        + "   array_to_string((array_agg(c.person_id ORDER BY c.person_id)"
                        + "     FILTER (WHERE c.unheld))[1:10], ',')"
                        + " FROM counted c JOIN purpose p ON p.purpose_key = c.purpose_key"
                        + " GROUP BY c.purpose_key, p.retention_period ORDER BY c.purpose_key")
                .setParameter(1, Timestamp.from(at))
                .getResultList();
        return rows.stream()
                .map(row -> new Due(
                        (String) row[0],
                        (String) row[1],
                        ((Number) row[2]).longValue(),
                        ((Number) row[3]).longValue(),
                        row[4] == null || ((String) row[4]).isEmpty()
                                ? List.of()
                                : java.util.Arrays.stream(((String) row[4]).split(","))
                                        .map(UUID::fromString)
                                        .toList()))
                .toList();
    }

    /** Ends up to {@code limit} bases whose retention is over; how many (0 while another replica runs it). */
    @Transactional
    public int enforce(int limit) {
        boolean mine = (Boolean)
                em.createNativeQuery("SELECT pg_try_advisory_xact_lock(hashtext('consent-purpose-retention'))")
                        .getSingleResult();
        if (!mine) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery(DUE + " ORDER BY s.purpose_key, s.person_id LIMIT ?2")
                .setParameter(1, Timestamp.from(clock.instant()))
                .setParameter(2, limit)
                .getResultList();
        if (!due.isEmpty()) {
            ledger.recordAll(due.stream()
                    .map(row -> Entry.system(
                            (UUID) row[0],
                            (String) row[1],
                            LegalBasis.valueOf((String) row[2]),
                            ConsentStatus.EXPIRED,
                            null,
                            "retention"))
                    .toList());
        }
        return due.size();
    }
}
