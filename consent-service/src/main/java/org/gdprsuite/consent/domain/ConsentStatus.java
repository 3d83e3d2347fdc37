package org.gdprsuite.consent.domain;

/** The status of a legal-basis record; only {@link #GRANTED} allows processing. */
public enum ConsentStatus {
    GRANTED,
    PENDING_CONFIRMATION,
    WITHDRAWN,
    DENIED,
    EXPIRED
}
