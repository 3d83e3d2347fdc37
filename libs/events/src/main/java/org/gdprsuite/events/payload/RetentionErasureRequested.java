package org.gdprsuite.events.payload;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * A retention sweep of contact-service matched these persons (one event per chunk of a sweep): erasure-service
 * turns each into an approved erasure request, so every participant erases its slice through the same path as a
 * data subject's, the chunk in one batch. Events of one person each ({@code personId}) are still read.
 *
 * <p>{@code policyId} and {@code criteria} name the policy as it was swept: erasure-service carries the event out
 * only if the DPO approved that policy with these very criteria (events without them are refused).
 */
public record RetentionErasureRequested(
        @JsonAlias("personId") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<UUID> personIds,

        String policy,
        UUID sweepId,
        UUID policyId,
        Criteria criteria) {

    /** What the policy selects: {@code category} null for any, {@code inactiveMonths} null for no such criterion. */
    public record Criteria(
            String category, boolean withoutLegalBasis, Integer inactiveMonths, boolean includeRestricted) {}

    public RetentionErasureRequested {
        personIds = personIds == null ? List.of() : List.copyOf(personIds);
    }

    /** An event from before policies were named by id: refused by erasure-service, still read. */
    public RetentionErasureRequested(List<UUID> personIds, String policy, UUID sweepId) {
        this(personIds, policy, sweepId, null, null);
    }
}
