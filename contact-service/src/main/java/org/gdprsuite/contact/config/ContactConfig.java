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

    /** How often the runner looks for import and bulk-update jobs to work on (a job runs chunk after chunk). */
    @WithDefault("1s")
    String jobsCheckEvery();

    /** CSV rows an import job writes per transaction: a job interrupted mid-way resumes after the last such chunk. */
    @WithDefault("500")
    int importChunkSize();

    /** The largest CSV upload accepted, in bytes (a larger one is refused with 413); at most the HTTP limit, 10M. */
    @WithDefault("10485760")
    long importMaxBytes();

    /** The largest request body of every other endpoint, in bytes (a larger one is refused with 413). */
    @WithDefault("1048576")
    long maxBodyBytes();

    /** A bulk update matching more persons than this becomes a job (202); up to it, it is done in the request. */
    @WithDefault("1000")
    int bulkUpdateJobThreshold();
}
