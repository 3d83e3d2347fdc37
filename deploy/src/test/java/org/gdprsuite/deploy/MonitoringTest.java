package org.gdprsuite.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.gdprsuite.deploy.Project.Service;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.gdprsuite.deploy.Manifests.container;
import static org.gdprsuite.deploy.Manifests.podLabels;
import static org.gdprsuite.deploy.Manifests.selects;
import static org.gdprsuite.deploy.Project.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Prometheus scrapes every pod's management port, the alerts the issue asks for exist and the README explains
 * them, and every gdpr_* metric an alert or a dashboard panel uses is one the code registers (Micrometer's
 * Prometheus names: dots become underscores, counters end in _total).
 */
@Tag("unit")
class MonitoringTest {

    private static final List<String> ALERTS = List.of(
            "GdprOutboxLag",
            "GdprDeadLettersAdded",
            "GdprConsumerLag",
            "GdprDsrOverdue",
            "GdprDsrDueWithin3Days",
            "GdprBreachDeadlineWithin12h");
    /** A meter registered by name: Counter.builder("gdpr.x"), registry.counter("gdpr.x", ...), CountGauge.register(r, "gdpr.x"). */
    private static final Pattern METER = Pattern.compile(
            "(?s)\\b(Counter\\.builder|Gauge\\.builder|\\.counter|\\.gauge|CountGauge\\.register)\\(\\s*(?:\\w+,\\s*)?\"(gdpr\\.[a-z0-9.]+)\"");

    private static final Pattern USED = Pattern.compile("\\bgdpr_[a-z0-9_]+");

    private final Map<String, Map<String, Object>> prod = Project.kubernetes("prod");

    @Test
    void everyPodIsScrapedOnItsManagementPort() {
        Map<String, Object> monitor = prod.get("ServiceMonitor/gdpr-suite");
        Map<String, Object> endpoint = at(monitor, "spec", "endpoints", 0);
        assertEquals("/q/metrics", endpoint.get("path"));
        for (Service service : Project.services()) {
            Map<String, Object> metrics = prod.get("Service/" + service.name() + "-metrics");
            assertTrue(selects(at(monitor, "spec", "selector"), at(metrics, "metadata", "labels")), service.name());
            Map<String, Object> deployment = prod.get("Deployment/" + service.name());
            Map<String, Object> selector = Map.of("matchLabels", at(metrics, "spec", "selector"));
            assertTrue(selects(selector, podLabels(deployment)), service.name() + " metrics Service selects its pods");
            Map<String, Object> port = at(metrics, "spec", "ports", 0);
            assertEquals(endpoint.get("port"), port.get("name"));
            List<Map<String, Object>> ports = at(container(deployment), "ports");
            assertTrue(
                    ports.stream()
                            .anyMatch(p -> p.get("name").equals(port.get("targetPort"))
                                    && p.get("containerPort").equals(port.get("port"))),
                    service.name());
            Map<String, Object> user = prod.get("Service/" + service.name());
            assertTrue(
                    ((List<Map<String, Object>>) at(user, "spec", "ports"))
                            .stream().noneMatch(p -> "management".equals(p.get("targetPort"))),
                    "users' Service keeps no management port");
        }
    }

    @Test
    void theAlertsExistAndTheReadmeSaysWhatEachMeans() {
        List<String> alerts = new ArrayList<>();
        for (Map<String, Object> group :
                (List<Map<String, Object>>) at(prod.get("PrometheusRule/gdpr-suite"), "spec", "groups")) {
            ((List<Map<String, Object>>) group.get("rules")).forEach(rule -> alerts.add((String) rule.get("alert")));
        }
        assertTrue(alerts.containsAll(ALERTS), alerts.toString());
        String readme = Project.read(Project.ROOT.resolve("deploy/README.md"));
        alerts.forEach(alert -> assertTrue(readme.contains("`" + alert + "`"), "deploy/README.md explains " + alert));
        // The 3-day window of GdprDsrDueWithin3Days is erasure-service's due-soon setting.
        List<Map<String, Object>> env = at(container(prod.get("Deployment/erasure-service")), "env");
        assertTrue(env.contains(Map.of("name", "GDPR_ERASURE_DUE_SOON", "value", "P3D")));
        assertTrue(
                Project.read(Project.ROOT.resolve("docs/configuration/incident-service.md"))
                        .contains("| `gdpr.incident.due-soon` | `PT12H` |"),
                "the 12-hour breach alert");
    }

    @Test
    void everyGdprMetricOfTheAlertsAndTheDashboardIsExportedByTheCode() {
        Set<String> exported = exported();
        assertTrue(exported.contains("gdpr_outbox_oldest_pending_seconds"), exported.toString());
        String rules = String.valueOf(prod.get("PrometheusRule/gdpr-suite").get("spec"));
        String dashboard =
                Project.read(Project.ROOT.resolve("deploy/kubernetes/overlays/prod/grafana/gdpr-suite-dashboard.json"));
        Set<String> used = new TreeSet<>();
        for (String text : List.of(rules, dashboard)) {
            Matcher m = USED.matcher(text);
            while (m.find()) {
                used.add(m.group());
            }
        }
        assertTrue(used.size() >= 10, used.toString());
        used.removeAll(exported);
        assertEquals(Set.of(), used, "metrics no service exports");
        assertEquals(dashboard, at(prod.get("ConfigMap/gdpr-suite-dashboard"), "data", "gdpr-suite-dashboard.json"));
    }

    /** The Prometheus names of the gdpr.* meters the services' and libraries' main code registers. */
    private static Set<String> exported() {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> modules = Files.list(Project.ROOT)) {
            for (Path file : modules.filter(m ->
                            Files.isDirectory(m) && !m.getFileName().toString().startsWith("."))
                    .flatMap(MonitoringTest::walk)
                    .filter(f -> f.toString().endsWith(".java")
                            && f.toString().contains("/src/main/java/")
                            && !f.toString().contains("/target/"))
                    .toList()) {
                Matcher m = METER.matcher(Project.read(file));
                while (m.find()) {
                    String name = m.group(2).replace('.', '_');
                    names.add(m.group(1).toLowerCase().contains("counter") ? name + "_total" : name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static Stream<Path> walk(Path dir) {
        try {
            return Files.walk(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
