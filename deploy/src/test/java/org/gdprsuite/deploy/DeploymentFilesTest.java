package org.gdprsuite.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.gdprsuite.deploy.Project.Service;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.gdprsuite.deploy.Project.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docker-compose.yml, the Dockerfile and the Kubernetes manifests cannot run on the build machines (no
 * container engine), so this checks them against the services' own configuration instead.
 */
class DeploymentFilesTest {

    /** Settings every service needs from its environment to reach PostgreSQL, Kafka and Keycloak. */
    private static final List<String> REQUIRED = List.of(
            "GDPR_DB_HOST",
            "KAFKA_BOOTSTRAP_SERVERS",
            "QUARKUS_OIDC_AUTH_SERVER_URL",
            "QUARKUS_DATASOURCE_PASSWORD",
            "GDPR_LINKS_SIGNING_KEY");
    /** Settings that come from a Kubernetes Secret rather than the shared ConfigMap. */
    private static final Set<String> SECRET = Set.of("QUARKUS_DATASOURCE_PASSWORD", "GDPR_LINKS_SIGNING_KEY");
    /** Quarkus settings the code relies on without setting them itself (the issuer differs behind a proxy). */
    private static final Set<String> QUARKUS_ONLY =
            Set.of("QUARKUS_OIDC_TOKEN_ISSUER", "QUARKUS_HTTP_HOST", "QUARKUS_HTTP_PORT", "QUARKUS_SHUTDOWN_TIMEOUT");
    /** Kafka client settings the connector passes through from kafka.* (the truststore of a private CA). */
    private static final Set<String> KAFKA_CLIENT =
            Set.of("KAFKA_SSL_TRUSTSTORE_LOCATION", "KAFKA_SSL_TRUSTSTORE_TYPE");

    private static List<Service> services;
    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> kubernetes;

    @BeforeAll
    static void load() {
        services = Project.services();
        compose = Project.yaml("docker-compose.yml");
        kubernetes = Project.kubernetes();
        assertEquals(6, services.size(), "the six services of the card");
    }

    @Test
    void composeRunsEveryServiceFromItsBuildOnItsPortWithReadinessAndSettings() {
        String postgresInit = Project.read(Project.ROOT.resolve("deploy/compose/postgres-init.sh"));
        Map<String, Object> postgres = at(compose, "services", "postgres", "environment");
        for (Service service : services) {
            Map<String, Object> s = at(compose, "services", service.name());
            assertNotNull(s, service.name() + " in docker-compose.yml");
            assertEquals(service.name(), at(s, "build", "args", "SERVICE"));
            assertEquals(
                    String.valueOf(service.port()),
                    String.valueOf((Object) at(s, "build", "args", "PORT")),
                    service.name());
            assertTrue(
                    ((List<?>) s.get("ports")).contains("127.0.0.1:" + service.port() + ":" + service.port()),
                    service.name() + " published on loopback only");
            assertTrue(at(s, "healthcheck", "test").toString().contains("/q/health/ready"), service.name());
            assertTrue(at(s, "healthcheck", "test").toString().contains("/127.0.0.1/9000"), service.name());
            Map<String, Object> env = at(s, "environment");
            REQUIRED.forEach(key -> assertNotNull(env.get(key), service.name() + " sets " + key));
            // The set-up script makes the role with the very variable the service logs in with.
            String variable = "DB_PASSWORD_" + service.database().toUpperCase(java.util.Locale.ROOT);
            assertTrue(
                    String.valueOf(env.get("QUARKUS_DATASOURCE_PASSWORD")).startsWith("${" + variable + ":?"),
                    service.name() + " database password from " + variable);
            assertEquals("${" + variable + ":?set " + variable + "}", postgres.get(variable), service.name());
            assertTrue(
                    postgresInit.matches("(?s).*for role in [a-z_ ]*\\b" + service.database() + "\\b.*"),
                    service.name() + " database role");
            assertEquals("service_completed_successfully", at(s, "depends_on", "keycloak-trial", "condition"));
        }
    }

    /** Every password, secret and key of the compose file is a variable compose requires, never a value. */
    @Test
    void composeCarriesNoWorkingSecret() {
        Map<String, Object> all = at(compose, "services");
        List<String> written = new ArrayList<>();
        for (Map.Entry<String, Object> service : all.entrySet()) {
            Map<String, Object> env = at(service.getValue(), "environment");
            if (env == null) {
                continue;
            }
            env.forEach((name, value) -> {
                String text = String.valueOf(value);
                boolean secret = name.matches(".*(PASSWORD|SECRET|_KEY|_KEYS)$");
                if (secret && !text.matches("\\$\\{[A-Z0-9_]+:\\?[^}]+}")) {
                    written.add(service.getKey() + " " + name);
                }
                if (name.endsWith("JAAS_CONFIG") && text.matches("(?s).*password=\"[^$].*")) {
                    written.add(service.getKey() + " " + name);
                }
            });
        }
        assertEquals(List.of(), written, "secrets written into docker-compose.yml");
        String postgresInit = Project.read(Project.ROOT.resolve("deploy/compose/postgres-init.sh"));
        assertTrue(!postgresInit.contains("PASSWORD '"), "no password in the database set-up");
    }

    @Test
    void composeProvisionsTheTopicsOfTheContract() {
        List<?> volumes = at(compose, "services", "kafka-topics", "volumes");
        assertTrue(volumes.stream().anyMatch(v -> v.toString().startsWith("./stack/kafka/topics.txt:")));
    }

    /** Compose imports the production realm (no user, no fixed secret); keycloak-trial adapts it from variables. */
    @Test
    void composeImportsTheProductionRealmNotTheDemoOne() {
        String volumes = at(compose, "services", "keycloak", "volumes").toString();
        assertTrue(volumes.contains("./" + ProductionRealmTest.REALM + ":"), volumes);
        assertTrue(!volumes.contains("stack/keycloak"), "the demo realm stays with ./suite");
        assertTrue(at(compose, "services", "keycloak-trial", "volumes")
                .toString()
                .contains("./deploy/compose/keycloak-trial.sh:"));
        assertEquals(
                "service_healthy", at(compose, "services", "keycloak-trial", "depends_on", "keycloak", "condition"));
    }

    /** Kafka refuses clients that do not log in: each service is its own principal, its password a secret. */
    @Test
    void everyServiceLogsInToKafkaAsItselfWithAPasswordFromASecret() {
        for (Service service : services) {
            Map<String, Object> env = at(compose, "services", service.name(), "environment");
            assertTrue(String.valueOf(env.get("GDPR_KAFKA_PASSWORD")).startsWith("${KAFKA_PASSWORD_"), service.name());
            List<?> containerEnv = at(
                    kubernetes.get("Deployment/" + service.name()), "spec", "template", "spec", "containers", 0, "env");
            Object password = containerEnv.stream()
                    .filter(e -> "GDPR_KAFKA_PASSWORD".equals(at(e, "name")))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(service.name() + " has no GDPR_KAFKA_PASSWORD"));
            assertEquals("gdpr-suite-kafka", at(password, "valueFrom", "secretKeyRef", "name"));
            assertEquals(service.name(), at(password, "valueFrom", "secretKeyRef", "key"));
        }
        assertEquals("SASL_SSL", at(kubernetes.get("ConfigMap/gdpr-suite-config"), "data", "KAFKA_SECURITY_PROTOCOL"));
        List<?> volumes = at(compose, "services", "kafka-topics", "volumes");
        assertTrue(volumes.stream().anyMatch(v -> v.toString().startsWith("./stack/kafka/acls.txt:")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void kubernetesRunsEveryServiceWithItsPortProbesAndSettings(String overlay) {
        Map<String, Map<String, Object>> objects = Project.kubernetes(overlay);
        Map<String, Object> config = at(objects.get("ConfigMap/gdpr-suite-config"), "data");
        Map<String, Set<String>> secrets = Manifests.declaredSecrets(Project.kustomize(overlay));
        for (Service service : services) {
            Map<String, Object> deployment = objects.get("Deployment/" + service.name());
            assertNotNull(deployment, service.name() + " Deployment");
            Map<String, Object> container = at(deployment, "spec", "template", "spec", "containers", 0);
            assertEquals(service.port(), (int) at(container, "ports", 0, "containerPort"), service.name());
            assertEquals("http", at(container, "ports", 0, "name"));
            assertEquals("/q/health/live", at(container, "livenessProbe", "httpGet", "path"));
            assertEquals("/q/health/ready", at(container, "readinessProbe", "httpGet", "path"));
            assertEquals("/q/health/started", at(container, "startupProbe", "httpGet", "path"));
            // Probes on the management interface (health, metrics), which the Service does not expose.
            assertEquals("management", at(container, "ports", 1, "name"));
            assertEquals(9000, (int) at(container, "ports", 1, "containerPort"), service.name());
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertEquals("management", at(container, probe, "httpGet", "port"), service.name() + " " + probe);
            }
            assertNotNull(at(container, "resources", "requests", "memory"), service.name() + " requests memory");
            assertEquals("gdpr-suite-config", at(container, "envFrom", 0, "configMapRef", "name"));
            Map<String, Object> password = at(container, "env", 0);
            assertEquals("QUARKUS_DATASOURCE_PASSWORD", password.get("name"));
            assertEquals(service.database(), at(password, "valueFrom", "secretKeyRef", "key"));
            assertTrue(secrets.get("gdpr-suite-db").contains(service.database()), "secret for " + service.database());
            Map<String, Object> signingKey = at(container, "env", 1);
            assertEquals("GDPR_LINKS_SIGNING_KEY", signingKey.get("name"));
            assertEquals("gdpr-suite-links", at(signingKey, "valueFrom", "secretKeyRef", "name"));
            assertTrue(secrets.containsKey("gdpr-suite-links"), "the signing key's Secret");

            Map<String, Object> svc = objects.get("Service/" + service.name());
            assertNotNull(svc, service.name() + " Service");
            assertEquals(service.port(), (int) at(svc, "spec", "ports", 0, "port"));
            assertEquals("http", at(svc, "spec", "ports", 0, "targetPort"));
        }
        REQUIRED.stream()
                .filter(k -> !SECRET.contains(k))
                .forEach(key -> assertNotNull(config.get(key), "ConfigMap sets " + key));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyEnvironmentVariableOverridesASettingTheCodeHas(String overlay) {
        Map<String, Map<String, Object>> objects = Project.kubernetes(overlay);
        Set<String> known = Project.definedKeys().stream().map(Project::envName).collect(Collectors.toSet());
        known.addAll(QUARKUS_ONLY);
        known.addAll(KAFKA_CLIENT);
        Map<String, Object> variables = new HashMap<>();
        for (Service service : services) {
            variables.putAll(at(compose, "services", service.name(), "environment"));
            variables.putAll(environment(objects, service));
        }
        List<String> unknown = new ArrayList<>(variables.keySet());
        unknown.removeAll(known);
        assertEquals(List.of(), unknown, "variables that no setting of the code reads");
    }

    /**
     * Every setting a service has no production value for is set: those only the dev profile fills (secrets,
     * keys), the Kafka password (SecretsCheck), and the addresses that default to the loopback stack. The key store's
     * only where the service seals personal data (gdpr.crypto.enabled=true).
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everySettingWithoutAProductionValueIsSet(String overlay) {
        Map<String, Map<String, Object>> objects = Project.kubernetes(overlay);
        Properties shared = Project.propertiesOf(Project.ROOT.resolve(
                "libs/service-runtime/src/main/resources/META-INF/microprofile-config.properties"));
        for (Service service : services) {
            Properties own = Project.propertiesOf(
                    Project.ROOT.resolve(service.name()).resolve("src/main/resources/application.properties"));
            Set<String> plain = new HashSet<>();
            Set<String> required = new TreeSet<>(List.of("gdpr.kafka.password"));
            for (Properties p : List.of(shared, own)) {
                p.stringPropertyNames().forEach(key -> {
                    if (key.startsWith("%dev.")) {
                        required.add(key.substring("%dev.".length()));
                    } else if (!key.startsWith("%")) {
                        plain.add(key);
                        if (p.getProperty(key).matches("(?s).*(127\\.0\\.0\\.1|localhost).*")
                                && !key.equals("quarkus.http.host")) { // the Dockerfile's QUARKUS_HTTP_HOST
                            required.add(key);
                        }
                    }
                });
            }
            required.removeAll(
                    plain.stream().filter(k -> !isLoopback(shared, own, k)).toList());
            if (!"true".equals(own.getProperty("gdpr.crypto.enabled"))) {
                required.removeIf(k -> k.startsWith("gdpr.crypto.") || k.startsWith("quarkus.datasource.keys."));
            }
            Set<String> set = environment(objects, service).keySet();
            List<String> missing = required.stream()
                    .filter(key -> !set.contains(Project.envName(key)))
                    .toList();
            assertEquals(List.of(), missing, overlay + ": " + service.name() + " lacks");
        }
    }

    private static boolean isLoopback(Properties shared, Properties own, String key) {
        String value = own.getProperty(key, shared.getProperty(key, ""));
        return value.matches("(?s).*(127\\.0\\.0\\.1|localhost).*") && !key.equals("quarkus.http.host");
    }

    /** The variables a service's container gets: the shared ConfigMap and its own env. */
    private static Map<String, Object> environment(Map<String, Map<String, Object>> objects, Service service) {
        Map<String, Object> variables = new HashMap<>(at(objects.get("ConfigMap/gdpr-suite-config"), "data"));
        Map<String, Object> container =
                at(objects.get("Deployment/" + service.name()), "spec", "template", "spec", "containers", 0);
        for (Object env : (List<?>) container.get("env")) {
            variables.put(at(env, "name"), "from a secret or a value");
        }
        return variables;
    }

    @Test
    void oneDockerfileBuildsEveryServiceFromItsFastJar() {
        String dockerfile = Project.read(Project.ROOT.resolve("Dockerfile"));
        assertTrue(dockerfile.contains("ARG SERVICE"));
        assertTrue(dockerfile.contains("${SERVICE}/target/quarkus-app/"));
        assertTrue(dockerfile.contains("QUARKUS_HTTP_HOST=0.0.0.0"), "containers listen beyond loopback");
        assertTrue(dockerfile.contains("USER 185"), "not root");
    }
}
