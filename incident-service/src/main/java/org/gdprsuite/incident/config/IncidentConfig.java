package org.gdprsuite.incident.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** incident-service's settings: the 72-hour clock's alerts. Every key can be set by environment. */
@ConfigMapping(prefix = "gdpr.incident")
public interface IncidentConfig {

    /** How long before the 72-hour deadline the due-soon alert is raised. */
    @WithDefault("PT12H")
    Duration dueSoon();

    /** How often the 72-hour clock is checked for alerts and the deadline gauges are refreshed. */
    @WithDefault("1m")
    Duration deadlineCheckEvery();
}
