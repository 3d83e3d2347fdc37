package org.gdprsuite.consent.domain;

/** Where a record came from; {@link #SYSTEM} marks the suite's own records (default bases, expiry, erasure). */
public enum ConsentSource {
    WEB_FORM,
    EMAIL,
    API,
    IMPORT,
    MANUAL,
    SYSTEM
}
