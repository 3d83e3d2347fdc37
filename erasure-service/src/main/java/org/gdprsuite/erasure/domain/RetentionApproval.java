package org.gdprsuite.erasure.domain;

import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import org.gdprsuite.events.payload.RetentionErasureRequested.Criteria;

/**
 * A retention policy of contact-service as the DPO approved it: by its id and its criteria, so that a policy whose
 * criteria changed is not covered any more. Criteria rather than a hash of them: the DPO approves what can be read,
 * and both services compare the same four values without agreeing on a canonical form. Revoked when
 * {@code revokedAt} is set.
 */
public record RetentionApproval(
        UUID policyId, Criteria criteria, String approvedBy, Instant approvedAt, String revokedBy, Instant revokedAt) {

    /** Whether an event of {@code policyId} with {@code swept} criteria may be carried out under this approval. */
    public boolean covers(UUID policyId, Criteria swept) {
        return revokedAt == null
                && this.policyId.equals(policyId)
                && swept != null
                && normalized(swept).equals(criteria);
    }

    /** Categories compared by name whatever their case (contact-service sends the enum's name). */
    public static Criteria normalized(Criteria criteria) {
        return new Criteria(
                criteria.category() == null || criteria.category().isBlank()
                        ? null
                        : criteria.category().strip().toUpperCase(Locale.ROOT),
                criteria.withoutLegalBasis(),
                criteria.inactiveMonths(),
                criteria.includeRestricted());
    }
}
