package org.gdprsuite.erasure.domain;

/** Where a data-subject request stands in its life cycle. */
public enum RequestStatus {
    RECEIVED,
    VERIFIED,
    APPROVED,
    IN_PROGRESS,
    COMPLETED,
    PARTIALLY_COMPLETED,
    REJECTED,
    FAILED;

    public boolean isFinal() {
        return this == COMPLETED || this == PARTIALLY_COMPLETED || this == REJECTED || this == FAILED;
    }
}
