package org.gdprsuite.runtime.internal.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The cache of verified bearer tokens: a token is answered from memory until its {@code exp}, and at most
 * {@code max-age} after its verification, so a key rotation or realm change takes effect within that time.
 */
@ConfigMapping(prefix = "gdpr.security.token-cache")
public interface TokenCacheConfig {

    /** Tokens kept at most (0 turns the cache off). */
    @WithDefault("10000")
    int maxSize();

    /** Longest time a verified token is answered from memory. */
    @WithDefault("PT60S")
    Duration maxAge();
}
