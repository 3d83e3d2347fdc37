package org.gdprsuite.contact.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** contact-service's settings, each with its default; every key can be set by environment (GDPR_CONTACT_...). */
@ConfigMapping(prefix = "gdpr.contact")
public interface ContactConfig {

    /**
     * Keys the pseudonyms that replace erased last names: base64 of 32 or more random bytes, a key of its own. Only
     * dev and test have one (application.properties); elsewhere the service refuses to start without
     * GDPR_CONTACT_PSEUDONYM_KEY.
     */
    String pseudonymKey();

    /** How often the enabled retention policies are swept (one replica at a time). */
    @WithDefault("1h")
    Duration retentionSweepEvery();

    /** Persons per retention request; erasure-service erases each such chunk as one batch over every participant. */
    @WithDefault("500")
    int retentionBatchSize();
}
