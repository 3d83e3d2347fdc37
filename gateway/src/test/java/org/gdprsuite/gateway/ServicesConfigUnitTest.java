package org.gdprsuite.gateway;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.gdprsuite.gateway.config.GatewayConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A service's base URLs: one as before, or several comma-separated, by property or by environment (the form
 * docker-compose.yml and the Kubernetes manifests use).
 */
@Tag("unit")
class ServicesConfigUnitTest {

    @Test
    void oneUrlOrSeveralByPropertyOrEnvironment() {
        GatewayConfig config = new SmallRyeConfigBuilder()
                .withMapping(GatewayConfig.class)
                .withSources(new PropertiesConfigSource(
                        Map.of(
                                "gdpr.gateway.services.contact-service", "http://127.0.0.1:8081",
                                "gdpr.gateway.services.consent-service", "http://127.0.0.1:8082",
                                "gdpr.gateway.services.incident-service",
                                        "http://127.0.0.1:8085,http://127.0.0.1:9085"),
                        "properties",
                        100))
                .withSources(new EnvConfigSource(
                        Map.of(
                                "GDPR_GATEWAY_SERVICES_CONTACT_SERVICE", "http://contact-service:8081",
                                "GDPR_GATEWAY_SERVICES_CONSENT_SERVICE", "http://10.0.0.1:8082,http://10.0.0.2:8082"),
                        300))
                .build()
                .getConfigMapping(GatewayConfig.class);
        assertEquals(
                List.of(URI.create("http://contact-service:8081")),
                config.services().get("contact-service"));
        assertEquals(
                List.of(URI.create("http://10.0.0.1:8082"), URI.create("http://10.0.0.2:8082")),
                config.services().get("consent-service"));
        assertEquals(
                List.of(URI.create("http://127.0.0.1:8085"), URI.create("http://127.0.0.1:9085")),
                config.services().get("incident-service"));
    }
}
