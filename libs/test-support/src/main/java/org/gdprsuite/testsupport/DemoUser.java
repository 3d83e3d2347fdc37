package org.gdprsuite.testsupport;

import java.util.Arrays;
import java.util.Locale;

/**
 * The demo users imported with the realm (stack/keycloak/gdpr-suite-realm.json): one per staff role,
 * username = role. DPO and admin must present a TOTP code; their demo secrets are part of the realm file.
 */
public enum DemoUser {
    DPO("dpo-totp-demo-secret"),
    SALES(null),
    MARKETING(null),
    SUPPORT(null),
    FINANCE(null),
    ADMIN("admin-totp-demo-secret");

    private final String totpSecret;

    DemoUser(String totpSecret) {
        this.totpSecret = totpSecret;
    }

    public String username() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String password() {
        return username() + "-demo";
    }

    /** The TOTP secret, or null when the user has no second factor. */
    public String totpSecret() {
        return totpSecret;
    }

    public static DemoUser of(String username) {
        return Arrays.stream(values())
                .filter(u -> u.username().equals(username))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No demo user " + username));
    }
}
