package org.gdprsuite.erasure.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A data-subject request as stored (table dsr_request); it must be answered by {@link #dueAt} (Art. 12(3)).
 * {@code batchId} is set for a retention request erased with others in one batch.
 */
public record Request(
        UUID id,
        RequestType type,
        RequestStatus status,
        Origin origin,
        String email,
        List<UUID> personIds,
        String details,
        Instant receivedAt,
        Instant dueAt,
        Instant verifiedAt,
        Instant approvedAt,
        String approvedBy,
        Instant completedAt,
        String rejectionReason,
        UUID duplicateOf,
        int extendedMonths,
        String extensionReason,
        Instant escalatedAt,
        UUID batchId) {

    /** Open and past its due date. */
    public boolean overdue(Instant now) {
        return !status.isFinal() && now.isAfter(dueAt);
    }

    /** The address as a list for a command's subject (retention requests have none). */
    public List<String> emails() {
        return email == null ? List.of() : List.of(email);
    }
}
