package org.gdprsuite.runtime.internal.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.gdprsuite.runtime.internal.config.SecretRules.Secret;

import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * Fails closed: outside the dev and test profiles a service refuses to start, before its HTTP port opens and its
 * Kafka channels start, when a secret is missing, weak, a placeholder or shared with another secret
 * ({@link SecretRules}). Only dev and test have working values, in the library's microprofile-config.properties.
 */
@ApplicationScoped
public class SecretsCheck {

    /** Secrets of a single service, checked where that service sets them. */
    static final List<String> SERVICE_KEYS = List.of("gdpr.contact.pseudonym-key");

    /**
     * Optional passwords of a single service, checked where set: without one the service does without what it
     * opens (erasure-service's own client: the privacy centre then waits for staff), never with a placeholder.
     */
    static final List<String> SERVICE_PASSWORDS = List.of("gdpr.erasure.client-secret");

    void refuseWithoutSecrets(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start) {
        SmallRyeConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class);
        if (config.getProfiles().stream().anyMatch(p -> p.equals("dev") || p.equals("test"))) {
            return;
        }
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start: outside the dev and test profiles every secret must"
                    + " be provided (see docs/security.md)\n  - " + String.join("\n  - ", problems));
        }
    }

    /** Every problem of the secrets {@code config} holds. */
    static List<String> problems(Config config) {
        List<Secret> secrets = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        secrets.add(Secret.key("gdpr.links.signing-key", value(config, "gdpr.links.signing-key")));
        try {
            LinkKeys.previous(value(config, "gdpr.links.previous-keys"))
                    .forEach((id, key) ->
                            secrets.add(Secret.key("gdpr.links.previous-keys[" + id + "]", Optional.of(key))));
        } catch (IllegalStateException malformed) {
            problems.add(malformed.getMessage());
        }
        for (String name : SERVICE_KEYS) {
            value(config, name).ifPresent(key -> secrets.add(Secret.key(name, Optional.of(key))));
        }
        for (String name : SERVICE_PASSWORDS) {
            value(config, name).ifPresent(password -> secrets.add(Secret.password(name, Optional.of(password))));
        }
        secrets.add(Secret.password("quarkus.datasource.password", value(config, "quarkus.datasource.password")));
        // Without it Kafka's login fails later with a message that names no setting.
        secrets.add(Secret.password("gdpr.kafka.password", value(config, "gdpr.kafka.password")));
        if (config.getOptionalValue("quarkus.datasource.keys.active", Boolean.class)
                .orElse(false)) {
            secrets.add(Secret.password(
                    "quarkus.datasource.keys.password", value(config, "quarkus.datasource.keys.password")));
        }
        problems.addAll(SecretRules.problems(secrets));
        return problems;
    }

    private static Optional<String> value(Config config, String name) {
        return config.getOptionalValue(name, String.class);
    }
}
