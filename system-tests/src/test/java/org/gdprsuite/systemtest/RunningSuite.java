package org.gdprsuite.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.gdprsuite.testsupport.ServiceProcess;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.TestTopics;

/**
 * The whole suite as {@code ./suite up} runs it: the six service jars in their production profile on the
 * real PostgreSQL, Kafka, Keycloak and SMTP. Started once per test run and shared by every scenario.
 *
 * <p>So that it can run beside a developer's {@code ./suite up}, it takes free ports, the services'
 * {@code <db>_test} databases (emptied at start) and a private copy of the topics. Everything else is
 * the services' own configuration, the per-address limits included: the tests reach it only through the gateway,
 * each data subject from an address of its own ({@link SystemTest#anonymous()}).
 */
final class RunningSuite {

    /** Service name and database, in start order; the gateway last. */
    private static final Map<String, String> DATABASES = new LinkedHashMap<>();

    static {
        DATABASES.put("contact-service", "contact");
        DATABASES.put("consent-service", "consent");
        DATABASES.put("subscription-service", "subscription");
        DATABASES.put("erasure-service", "erasure");
        DATABASES.put("incident-service", "incident");
        DATABASES.put("gateway", "gateway");
    }

    private static RunningSuite running;
    private static RuntimeException failedToStart;

    private final TestTopics topics;
    /** The key of the public links in this run: a deployment's secret, known to the tests as to an operator. */
    private final String linkSigningKey = randomKey();
    /** contact-service's pseudonym key in this run: a key of its own, as outside dev and test. */
    private final String pseudonymKey = randomKey();

    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();

    /** The services of the last run, in case its JVM was killed before it could stop them. */
    private static final Path PIDS = Path.of("target", "running-suite.pids");

    private RunningSuite() {
        SuiteStack.ensureRunning();
        stopLeftovers();
        topics = TestTopics.create();
        Map<String, Integer> ports = new HashMap<>();
        DATABASES.keySet().forEach(service -> ports.put(service, ServiceProcess.freePort()));
        String gateway = "http://127.0.0.1:" + ports.get("gateway");
        for (Map.Entry<String, String> service : DATABASES.entrySet()) {
            Map<String, String> config = new HashMap<>();
            config.put(TestTopics.PREFIX_PROPERTY, topics.prefix());
            config.put(
                    "quarkus.datasource.jdbc.url",
                    "jdbc:postgresql://${gdpr.db.host}:${gdpr.db.port}/" + service.getValue() + "_test");
            config.put("quarkus.flyway.clean-disabled", "false");
            config.put("quarkus.flyway.clean-at-start", "true");
            // Links in mail point at the gateway, as users reach it.
            config.put("gdpr.public-base-url", gateway);
            config.put("gdpr.links.signing-key", linkSigningKey);
            // The prod profile has no secret of its own: the stack's passwords (./suite's roles), the run's keys.
            config.put("quarkus.datasource.password", service.getValue());
            config.put("quarkus.datasource.keys.password", "gdpr_keys");
            config.put("gdpr.contact.pseudonym-key", pseudonymKey);
            // The gateway's staff-user management: the demo realm's client gateway-staff.
            config.put("gdpr.gateway.staff.client-secret", "gateway-staff-secret");
            config.put("quarkus.rest-client.contact-service.url", "http://127.0.0.1:" + ports.get("contact-service"));
            for (String backend : DATABASES.keySet()) {
                config.put("gdpr.gateway.services." + backend, "http://127.0.0.1:" + ports.get(backend));
            }
            services.put(
                    service.getKey(), ServiceProcess.launch(service.getKey(), ports.get(service.getKey()), config));
        }
        writePids();
        try {
            services.values().forEach(ServiceProcess::awaitReady);
        } catch (RuntimeException notReady) {
            stop();
            throw notReady;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "stop-suite"));
    }

    /** The suite of this test run; a suite that failed to start is not tried again by the next scenario. */
    static synchronized RunningSuite get() {
        if (failedToStart != null) {
            throw new IllegalStateException("the suite did not start", failedToStart);
        }
        if (running == null) {
            try {
                running = new RunningSuite();
            } catch (RuntimeException e) {
                failedToStart = e;
                throw e;
            }
        }
        return running;
    }

    /** Where users reach the suite. */
    String gateway() {
        return services.get("gateway").url();
    }

    /** A service reached directly, without the gateway (each service checks the token and roles itself). */
    String url(String service) {
        return services.get(service).url();
    }

    /** A service's management interface (health, metrics; the gateway's own OpenAPI), never the port users reach. */
    String managementUrl(String service) {
        return services.get(service).managementUrl();
    }

    /** The services by name, the gateway last. */
    java.util.Set<String> serviceNames() {
        return services.keySet();
    }

    /** What a service wrote to its console (its log) so far. */
    String log(String service) {
        try {
            return new String(Files.readAllBytes(services.get(service).log()), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String linkSigningKey() {
        return linkSigningKey;
    }

    /** A key as a deployment makes one: base64 of 32 random bytes ({@code openssl rand -base64 32}). */
    static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    /** The physical name of a topic of the contract in this run. */
    String topic(String logical) {
        return topics.topic(logical);
    }

    /** Kills a service at once (SIGKILL, as a crash would) and starts it again with the same configuration. */
    void crashAndRestart(String service) {
        ServiceProcess process = services.get(service);
        process.kill();
        process.restart(Map.of("quarkus.flyway.clean-at-start", "false")); // a crash keeps its data
        writePids();
    }

    /** The services, in start order. */
    Set<String> services() {
        return DATABASES.keySet();
    }

    /** A JDBC connection to a service's own database, as its operator would open one. */
    Connection database(String service) throws SQLException {
        String db = DATABASES.get(service);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db + "_test", db, db);
    }

    private void writePids() {
        try {
            Files.createDirectories(PIDS.getParent());
            Files.write(
                    PIDS,
                    services.values().stream().map(s -> String.valueOf(s.pid())).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stopLeftovers() {
        try {
            if (Files.exists(PIDS)) {
                for (String pid : Files.readAllLines(PIDS)) {
                    ProcessHandle.of(Long.parseLong(pid.strip()))
                            .filter(p -> p.info().commandLine().orElse("").contains("quarkus-run.jar"))
                            .ifPresent(ProcessHandle::destroyForcibly);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void stop() {
        services.values().parallelStream().forEach(ServiceProcess::stop);
        topics.delete();
    }
}
