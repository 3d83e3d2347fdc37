package org.gdprsuite.erasure.domain;

/** Who brought a request in. */
public enum Origin {
    /** Taken by staff, who checked the person's identity. */
    STAFF,
    /** Submitted on the public portal; proceeds once the address is verified. */
    PORTAL,
    /** Asked for by a retention sweep of contact-service. */
    RETENTION
}
