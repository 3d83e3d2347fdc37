package org.gdprsuite.runtime.internal.config;

import io.smallrye.config.ConfigMapping;

/** The HMAC-signed public links (SignedLinks). */
@ConfigMapping(prefix = "gdpr.links")
public interface LinksConfig {

    /**
     * Key of the signatures. Its default, for local runs only, is a value in META-INF/microprofile-config.properties
     * rather than a {@code @WithDefault}, because other keys derive from it (contact-service's pseudonym key is
     * {@code ${gdpr.links.signing-key}}); every deployment sets GDPR_LINKS_SIGNING_KEY from a secret.
     */
    String signingKey();
}
