package org.gdprsuite.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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
 *
 * <p>With {@code -Dgdpr.replicas=N} (as {@code ./suite test --replicas=N}) every service but the gateway runs as N
 * instances on ports of their own, same database, same consumer groups, all behind the one gateway. The replicas
 * start once the first instances are ready (the first cleans the database and migrates it).
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

    /** Instances of every service behind the gateway in this run. */
    static final int REPLICAS = Integer.getInteger("gdpr.replicas", 1);

    private static RunningSuite running;
    private static RuntimeException failedToStart;

    private final TestTopics topics;
    /** The key of the public links in this run: a deployment's secret, known to the tests as to an operator. */
    private final String linkSigningKey = randomKey();
    /** contact-service's pseudonym key in this run: a key of its own, as outside dev and test. */
    private final String pseudonymKey = randomKey();

    /** The first instance of each service. */
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    /** Every instance of each service, the first one first. */
    private final Map<String, List<ServiceProcess>> instances = new LinkedHashMap<>();

    /** The services of the last run, in case its JVM was killed before it could stop them. */
    private static final Path PIDS = Path.of("target", "running-suite.pids");

    private RunningSuite() {
        SuiteStack.ensureRunning();
        stopLeftovers();
        topics = TestTopics.create();
        Map<String, List<Integer>> ports = new HashMap<>();
        DATABASES
                .keySet()
                .forEach(service -> ports.put(
                        service,
                        IntStream.range(0, service.equals("gateway") ? 1 : REPLICAS)
                                .mapToObj(i -> ServiceProcess.freePort())
                                .toList()));
        String gateway = "http://127.0.0.1:" + ports.get("gateway").get(0);
        Map<String, Map<String, String>> configs = new LinkedHashMap<>();
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
            // The tests' key store, as their databases: keys wrapped under the tests' master key in the dev stack's
            // store (service-wide subjects such as consent-service/identity-index among them) broke its services.
            config.put("gdpr.keys.db.name", "gdpr_keys_test");
            config.put("gdpr.contact.pseudonym-key", pseudonymKey);
            // The gateway's staff-user management: the demo realm's client gateway-staff.
            config.put("gdpr.gateway.staff.client-secret", "gateway-staff-secret");
            // erasure-service's own identity (the privacy centre's subject lookup): the demo realm's client
            // erasure-service.
            config.put("gdpr.erasure.client-secret", "erasure-service-secret");
            config.put(
                    "quarkus.rest-client.contact-service.url",
                    "http://127.0.0.1:" + ports.get("contact-service").get(0));
            // consent-service's record of processing lists the suite's systems from erasure-service.
            config.put(
                    "quarkus.rest-client.erasure-service.url",
                    "http://127.0.0.1:" + ports.get("erasure-service").get(0));
            for (String backend : DATABASES.keySet()) {
                config.put(
                        "gdpr.gateway.services." + backend,
                        ports.get(backend).stream()
                                .map(port -> "http://127.0.0.1:" + port)
                                .collect(Collectors.joining(",")));
            }
            configs.put(service.getKey(), config);
            ServiceProcess first = ServiceProcess.launch(
                    service.getKey(), ports.get(service.getKey()).get(0), config);
            services.put(service.getKey(), first);
            instances.computeIfAbsent(service.getKey(), s -> new ArrayList<>()).add(first);
        }
        writePids();
        try {
            services.values().forEach(ServiceProcess::awaitReady);
            if (REPLICAS > 1) {
                launchReplicas(ports, configs);
            }
        } catch (RuntimeException notReady) {
            stop();
            throw notReady;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "stop-suite"));
    }

    /** The other instances of every service, on the database the first instance prepared; then waits for them. */
    private void launchReplicas(Map<String, List<Integer>> ports, Map<String, Map<String, String>> configs) {
        List<ServiceProcess> replicas = new ArrayList<>();
        configs.forEach((service, config) -> {
            Map<String, String> replicaConfig = new HashMap<>(config);
            replicaConfig.put("quarkus.flyway.clean-at-start", "false");
            for (int port : ports.get(service).subList(1, ports.get(service).size())) {
                ServiceProcess replica = ServiceProcess.launch(service, port, replicaConfig);
                replicas.add(replica);
                instances.get(service).add(replica);
            }
        });
        writePids();
        replicas.forEach(ServiceProcess::awaitReady);
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

    /** Every instance of a service, the first one (that of {@link #url}) first. */
    List<ServiceProcess> instances(String service) {
        return List.copyOf(instances.get(service));
    }

    /** What a service wrote to its console (its log) so far: with replicas, every instance's, one after the other. */
    String log(String service) {
        StringBuilder logs = new StringBuilder();
        for (ServiceProcess instance : instances.get(service)) {
            try {
                logs.append(Files.readString(instance.log(), java.nio.charset.StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return logs.toString();
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

    /**
     * Kills a service at once (SIGKILL, as a crash would) and starts it again with the same configuration; with
     * replicas, its first instance (the others go on serving).
     */
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
                    instances.values().stream()
                            .flatMap(List::stream)
                            .map(s -> String.valueOf(s.pid()))
                            .toList());
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
        // All at once (a thread each): stopped one or two at a time, a dozen instances outlast surefire's exit wait.
        List<Thread> stopping = instances.values().stream()
                .flatMap(List::stream)
                .map(instance -> new Thread(instance::stop, "stop-" + instance.service()))
                .toList();
        stopping.forEach(Thread::start);
        for (Thread thread : stopping) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        topics.delete();
    }
}
