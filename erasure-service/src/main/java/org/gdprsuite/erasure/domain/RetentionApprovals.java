package org.gdprsuite.erasure.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.gdprsuite.events.payload.RetentionErasureRequested.Criteria;
import org.gdprsuite.runtime.problem.DomainProblem;
import org.gdprsuite.runtime.web.Results;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/** The SQL of retention_approval: which retention policies, with which criteria, the DPO approved. */
@ApplicationScoped
public class RetentionApprovals {

    private static final String COLUMNS = "policy_id, category, without_legal_basis, inactive_months,"
            + " include_restricted, approved_by, approved_at, revoked_by, revoked_at";

    @Inject
    Sql sql;

    @Inject
    Clock clock;

    /** Approves the policy with these criteria, replacing an earlier (or revoked) approval of it. */
    @Transactional
    public RetentionApproval approve(UUID policyId, Criteria criteria, String dpo) {
        Criteria approved = RetentionApproval.normalized(criteria);
        return sql.one(
                        """
                        INSERT INTO retention_approval (policy_id, category, without_legal_basis, inactive_months,
                            include_restricted, approved_by, approved_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (policy_id) DO UPDATE SET category = excluded.category,
                            without_legal_basis = excluded.without_legal_basis,
                            inactive_months = excluded.inactive_months,
                            include_restricted = excluded.include_restricted, approved_by = excluded.approved_by,
                            approved_at = excluded.approved_at, revoked_by = NULL, revoked_at = NULL
                        RETURNING """ + " " + COLUMNS,
                        RetentionApprovals::read,
                        policyId,
                        approved.category(),
                        approved.withoutLegalBasis(),
                        approved.inactiveMonths(),
                        approved.includeRestricted(),
                        dpo,
                        clock.instant())
                .orElseThrow();
    }

    /** Revokes the approval: the policy's next events are refused. Revoking twice keeps the first revocation. */
    @Transactional
    public RetentionApproval revoke(UUID policyId, String dpo) {
        sql.update(
                "UPDATE retention_approval SET revoked_by = ?, revoked_at = ? WHERE policy_id = ? AND revoked_at IS NULL",
                dpo,
                clock.instant(),
                policyId);
        return find(policyId)
                .orElseThrow(() -> DomainProblem.notFound(
                        "retention-approval-not-found", "No approval of this retention policy."));
    }

    public Optional<RetentionApproval> find(UUID policyId) {
        return sql.one(
                "SELECT " + COLUMNS + " FROM retention_approval WHERE policy_id = ?",
                RetentionApprovals::read,
                policyId);
    }

    /** Every approval, revoked ones too, the latest approved first. */
    public Results<RetentionApproval> page(int page, int size) {
        long total = sql.one("SELECT count(*) FROM retention_approval", rs -> rs.getLong(1))
                .orElse(0L);
        List<RetentionApproval> items = sql.list(
                "SELECT " + COLUMNS + " FROM retention_approval ORDER BY approved_at DESC, policy_id LIMIT ? OFFSET ?",
                RetentionApprovals::read,
                size,
                Results.offset(page, size));
        return new Results<>(items, page, size, total);
    }

    private static RetentionApproval read(ResultSet rs) throws SQLException {
        return new RetentionApproval(
                Sql.uuid(rs, "policy_id"),
                new Criteria(
                        rs.getString("category"),
                        rs.getBoolean("without_legal_basis"),
                        rs.getObject("inactive_months", Integer.class),
                        rs.getBoolean("include_restricted")),
                rs.getString("approved_by"),
                Sql.instant(rs, "approved_at"),
                rs.getString("revoked_by"),
                Sql.instant(rs, "revoked_at"));
    }
}
