package org.gdprsuite.events.payload;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * A retention sweep of contact-service matched these persons (one event per chunk of a sweep): erasure-service
 * turns each into an approved erasure request, so every participant erases its slice through the same path as a
 * data subject's, the chunk in one batch. Events of one person each ({@code personId}) are still read.
 */
public record RetentionErasureRequested(
        @JsonAlias("personId") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<UUID> personIds,

        String policy,
        UUID sweepId) {

    public RetentionErasureRequested {
        personIds = personIds == null ? List.of() : List.copyOf(personIds);
    }
}
