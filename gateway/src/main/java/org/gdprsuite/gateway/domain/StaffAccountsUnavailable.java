package org.gdprsuite.gateway.domain;

/** Keycloak's admin API cannot be used right now (down, or the gateway's service account is not configured). */
public class StaffAccountsUnavailable extends RuntimeException {

    public StaffAccountsUnavailable(String message) {
        super(message, null, false, false);
    }
}
