package org.gdprsuite.deploy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.gdprsuite.deploy.Manifests.SecretRef;
import org.gdprsuite.deploy.Project.Service;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.gdprsuite.deploy.Manifests.container;
import static org.gdprsuite.deploy.Manifests.podLabels;
import static org.gdprsuite.deploy.Manifests.selects;
import static org.gdprsuite.deploy.Project.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The overlays as {@code kubectl kustomize} builds them: prod runs each service as operators expect (images by
 * digest, two replicas at least, a disruption budget, an autoscaler, spread over nodes, a grace period that covers
 * Quarkus' graceful shutdown, no service-account token, probes on the management port, every Secret from the
 * secret store); both declare every Secret they use and hold no working secret.
 */
@Tag("unit")
class OverlaysTest {

    private static final Properties SHARED = Project.propertiesOf(
            Project.ROOT.resolve("libs/service-runtime/src/main/resources/META-INF/microprofile-config.properties"));
    /** The health checks quarkus-smallrye-health serves under the management interface's root /q. */
    private static final Set<String> HEALTH_PATHS = Set.of("/q/health/live", "/q/health/ready", "/q/health/started");

    private final List<Service> services = Project.services();

    @Test
    void prodRunsEveryServiceRedundantlyFromAnImageDigest() {
        Map<String, Map<String, Object>> prod = Project.kubernetes("prod");
        for (Service service : services) {
            Map<String, Object> deployment = prod.get("Deployment/" + service.name());
            Map<String, Object> labels = podLabels(deployment);
            String image = at(container(deployment), "image");
            assertTrue(
                    image.matches("[^@:]+(:[0-9]+)?[^@:]*@sha256:[0-9a-f]{64}"),
                    service.name() + " by digest: " + image);
            int replicas = at(deployment, "spec", "replicas");
            assertTrue(replicas >= 2, service.name() + " replicas");

            Map<String, Object> budget = prod.get("PodDisruptionBudget/" + service.name());
            assertNotNull(budget, service.name() + " PodDisruptionBudget");
            assertTrue(selects(at(budget, "spec", "selector"), labels), service.name() + " budget selects its pods");
            int minAvailable = at(budget, "spec", "minAvailable");
            assertTrue(minAvailable >= 1 && minAvailable < replicas, service.name() + " budget lets a node drain");

            Map<String, Object> autoscaler = prod.get("HorizontalPodAutoscaler/" + service.name());
            assertNotNull(autoscaler, service.name() + " HorizontalPodAutoscaler");
            assertEquals("Deployment", at(autoscaler, "spec", "scaleTargetRef", "kind"));
            assertEquals(service.name(), at(autoscaler, "spec", "scaleTargetRef", "name"));
            assertTrue((int) at(autoscaler, "spec", "minReplicas") >= 2, service.name() + " autoscaler minimum");

            List<Map<String, Object>> spread = at(deployment, "spec", "template", "spec", "topologySpreadConstraints");
            assertTrue(spread != null && !spread.isEmpty(), service.name() + " topology spread");
            assertTrue(spread.stream()
                    .anyMatch(c -> "kubernetes.io/hostname".equals(c.get("topologyKey"))
                            && "DoNotSchedule".equals(c.get("whenUnsatisfiable"))
                            && selects(at(c, "labelSelector"), labels)
                            && ((List<?>) c.get("matchLabelKeys")).contains("app.kubernetes.io/name")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void podsStopGracefullyCarryNoTokenAndAreProbedOnTheManagementPort(String overlay) {
        Map<String, Map<String, Object>> objects = Project.kubernetes(overlay);
        Map<String, Object> config = at(objects.get("ConfigMap/gdpr-suite-config"), "data");
        long shutdown = seconds((String) config.get("QUARKUS_SHUTDOWN_TIMEOUT"));
        int management = Integer.parseInt(SHARED.getProperty("quarkus.management.port"));
        assertEquals("0.0.0.0", config.get("QUARKUS_MANAGEMENT_HOST"), "probes reach the management interface");
        assertFalse(SHARED.containsKey("quarkus.management.root-path"), "health stays under /q");
        assertTrue(Project.read(Project.ROOT.resolve("libs/service-runtime/pom.xml"))
                .contains("quarkus-smallrye-health"));
        for (Service service : services) {
            Map<String, Object> deployment = objects.get("Deployment/" + service.name());
            Map<String, Object> pod = at(deployment, "spec", "template", "spec");
            assertEquals(false, pod.get("automountServiceAccountToken"), service.name() + " no token");
            int preStop = at(container(deployment), "lifecycle", "preStop", "sleep", "seconds");
            int grace = (int) pod.get("terminationGracePeriodSeconds");
            assertTrue(
                    grace >= preStop + shutdown + 5,
                    service.name() + ": grace " + grace + " s < preStop " + preStop + " + shutdown " + shutdown
                            + " + 5");
            List<Map<String, Object>> ports = at(container(deployment), "ports");
            assertTrue(ports.contains(Map.of("name", "management", "containerPort", management)), service.name());
            for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                assertEquals("management", at(container(deployment), probe, "httpGet", "port"), service.name());
                String path = at(container(deployment), probe, "httpGet", "path");
                assertTrue(HEALTH_PATHS.contains(path), service.name() + " " + probe + " " + path);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everySecretReferencedIsDeclared(String overlay) {
        List<Map<String, Object>> objects = Project.kustomize(overlay);
        Map<String, Set<String>> declared = Manifests.declaredSecrets(objects);
        List<SecretRef> refs = Manifests.secretRefs(objects);
        assertTrue(refs.size() > 20, "secret references found: " + refs.size());
        List<String> missing = new ArrayList<>();
        for (SecretRef ref : refs) {
            Set<String> keys = declared.get(ref.secret());
            if (keys == null || (ref.key() != null && !keys.contains(ref.key()))) {
                missing.add(ref.where() + " -> " + ref.secret() + (ref.key() == null ? "" : "/" + ref.key()));
            }
        }
        assertEquals(List.of(), missing, overlay + ": references to undeclared Secrets");
    }

    /** Production takes every Secret from the secret store; the dev overlay's are placeholders the services refuse. */
    @Test
    void noWorkingSecretInTheRepository() {
        assertEquals(List.of(), Project.ofKind("prod", "Secret"), "prod: Secrets come from ExternalSecrets");
        for (Map<String, Object> external : Project.ofKind("prod", "ExternalSecret")) {
            assertEquals("ClusterSecretStore", at(external, "spec", "secretStoreRef", "kind"));
            assertEquals("gdpr-suite-store", at(external, "spec", "secretStoreRef", "name"));
        }
        for (Map<String, Object> secret : Project.ofKind("dev", "Secret")) {
            Map<String, Object> values = at(secret, "stringData");
            assertNull(secret.get("data"), "dev Secrets in plain stringData placeholders");
            values.forEach((key, value) -> assertTrue(
                    String.valueOf(value).contains("CHANGE-ME"), at(secret, "metadata", "name") + "/" + key));
        }
    }

    private static void assertNull(Object value, String message) {
        assertEquals(null, value, message);
    }

    private static long seconds(String duration) {
        return Duration.parse("PT" + duration.toUpperCase()).toSeconds();
    }
}
