package org.gdprsuite.runtime.internal.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The HMAC-signed public links (SignedLinks) and the keys that sign and verify them. */
@ConfigMapping(prefix = "gdpr.links")
public interface LinksConfig {

    /**
     * Key of the signatures: base64 of at least 32 random bytes ({@code openssl rand -base64 32}). Only the dev and
     * test profiles have one; elsewhere a service refuses to start without it (SecretsCheck).
     */
    Optional<String> signingKey();

    /** Id of the signing key, carried by every new link so that a new key can be rolled in later. */
    @WithDefault("1")
    String signingKeyId();

    /**
     * Keys of earlier rolls as {@code id:key,...}: they only verify, so links they signed stay valid until they
     * expire.
     */
    Optional<String> previousKeys();
}
