package org.gdprsuite.runtime.security;

/** The realm roles of Keycloak realm {@code gdpr-suite}; the README's role matrix says who may do what. */
public final class Roles {

    public static final String DPO = "dpo";
    public static final String SALES = "sales";
    public static final String MARKETING = "marketing";
    public static final String SUPPORT = "support";
    /** May read sensitive fields (bank account, national id, date of birth). */
    public static final String FINANCE = "finance";

    public static final String ADMIN = "admin";
    /** Held by the service account of the confidential client of integrating systems. */
    public static final String INTEGRATION = "integration";
    /**
     * Held by erasure-service's own service account (client {@code erasure-service}): it may only resolve an address
     * a person proved to that person's ids (contact-service {@code GET /api/contacts/subjects}).
     */
    public static final String SUBJECT_LOOKUP = "subject-lookup";

    private Roles() {}
}
