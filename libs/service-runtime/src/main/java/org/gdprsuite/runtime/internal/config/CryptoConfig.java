package org.gdprsuite.runtime.internal.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Envelope encryption of personal data (crypto package): master keys and the cache of data keys. */
@ConfigMapping(prefix = "gdpr.crypto")
public interface CryptoConfig {

    /** Whether the service seals personal data: it then needs master keys and reaches the key store. */
    @WithDefault("false")
    boolean enabled();

    /**
     * Master keys as {@code id:base64-key,...}, each 32 random bytes ({@code openssl rand -base64 32}); from a
     * secret in every deployment, only dev and test have one in the library's defaults.
     */
    Optional<String> masterKeys();

    /** The master key new data keys are wrapped by; unset: the only key of {@code master-keys}. */
    Optional<String> activeMasterKey();

    /** How long a subject's data key stays cached in memory. */
    @WithDefault("PT1M")
    Duration dataKeyCache();
}
