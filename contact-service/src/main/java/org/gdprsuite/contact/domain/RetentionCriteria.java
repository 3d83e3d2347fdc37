package org.gdprsuite.contact.domain;

import java.time.Instant;
import java.time.ZoneOffset;

import org.gdprsuite.events.payload.RetentionErasureRequested;

/**
 * What a person must satisfy, at a given moment, to match a retention policy: every criterion set must hold.
 * {@code category} null: any; {@code inactiveSince} null: no inactivity criterion.
 */
public record RetentionCriteria(
        String category, boolean includeRestricted, boolean withoutLegalBasis, Instant inactiveSince) {

    /** The policy's criteria at {@code now}: "inactive for N months" is calendar months back, in UTC. */
    public static RetentionCriteria of(RetentionPolicy policy, Instant now) {
        Instant inactiveSince = policy.inactiveMonths == null
                ? null
                : now.atZone(ZoneOffset.UTC).minusMonths(policy.inactiveMonths).toInstant();
        return new RetentionCriteria(
                policy.category == null ? null : policy.category.name(),
                policy.includeRestricted,
                policy.withoutLegalBasis,
                inactiveSince);
    }

    /**
     * The policy's definition as erasure-service's DPO approved it (months, not a moment): an event of a policy whose
     * definition changed since is refused there until the DPO approves it again.
     */
    public static RetentionErasureRequested.Criteria asApproved(RetentionPolicy policy) {
        return new RetentionErasureRequested.Criteria(
                policy.category == null ? null : policy.category.name(),
                policy.withoutLegalBasis,
                policy.inactiveMonths,
                policy.includeRestricted);
    }
}
