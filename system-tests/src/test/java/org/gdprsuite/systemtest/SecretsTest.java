package org.gdprsuite.systemtest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.gdprsuite.testsupport.ServiceProcess;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Secrets fail closed: a service jar started in the production profile with the committed default signing key, a
 * short one or none refuses to start, saying which key is wrong and how to set it, never its value. Everything
 * else it needs is right (its database and password on the real stack), so the key is the only reason.
 */
class SecretsTest {

    private static final String SERVICE = "incident-service";
    private static final String KEY = "gdpr.links.signing-key";

    @Test
    void aServiceRefusesToStartWithADefaultShortOrMissingSigningKey() throws IOException {
        SuiteStack.ensureRunning();
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("local-development-signing-key-change-me", "is a placeholder or a committed local value");
        cases.put("c2hvcnQtYnV0LWJhc2U2NA", "is not base64 of 32 bytes or more");
        cases.put(null, "is missing");
        // Started together, each one's failure is awaited after.
        Map<String, ServiceProcess> started = new LinkedHashMap<>();
        cases.keySet()
                .forEach(key -> started.put(key, ServiceProcess.launch(SERVICE, ServiceProcess.freePort(), with(key))));

        for (Map.Entry<String, ServiceProcess> run : started.entrySet()) {
            ServiceProcess service = run.getValue();
            try {
                assertThrows(IllegalStateException.class, service::awaitReady, "started with key " + run.getKey());
            } finally {
                service.stop();
            }
            String log = Files.readString(service.log(), StandardCharsets.UTF_8);
            String expected = KEY + " " + cases.get(run.getKey()) + ": set GDPR_LINKS_SIGNING_KEY to base64 of at least"
                    + " 32 random bytes (openssl rand -base64 32)";
            assertTrue(log.contains(expected), "expected «" + expected + "» in " + service.log());
            if (run.getKey() != null) {
                assertFalse(log.contains(run.getKey()), "the key's value is in " + service.log());
            }
        }
    }

    /** The service's configuration as RunningSuite gives it, with {@code signingKey} (none when null). */
    private static Map<String, String> with(String signingKey) {
        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://${gdpr.db.host}:${gdpr.db.port}/incident_test");
        config.put("quarkus.datasource.password", "incident");
        // It reaches the key store (it opens the sealed addresses of DSR commands).
        config.put("quarkus.datasource.keys.password", "gdpr_keys");
        config.put("gdpr.keys.db.name", "gdpr_keys_test");
        if (signingKey != null) {
            config.put(KEY, signingKey);
        }
        return config;
    }
}
