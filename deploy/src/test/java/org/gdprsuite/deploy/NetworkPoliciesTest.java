package org.gdprsuite.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.gdprsuite.deploy.Project.Service;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.gdprsuite.deploy.Project.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The NetworkPolicies of deploy/kubernetes, read as a network plugin applies them (a connection passes when the
 * destination's policies let it in and the source's let it out): all is denied by default, users reach only the
 * gateway (through the ingress controller), the services' ports only the gateway, the management port only the
 * monitoring namespace; the services reach only DNS, PostgreSQL, Kafka, Keycloak and what each needs besides.
 */
@Tag("unit")
class NetworkPoliciesTest {

    private static final String NAMESPACE = "gdpr-suite";
    private static final int MANAGEMENT = 9000;

    /** The stack's pods, labelled as CloudNativePG and the Keycloak operator label them. */
    private static final Peer POSTGRES =
            new Peer(NAMESPACE, Map.of("cnpg.io/cluster", "gdpr-postgres", "cnpg.io/instanceRole", "primary"));

    private static final Peer KEY_STORE =
            new Peer(NAMESPACE, Map.of("cnpg.io/cluster", "gdpr-keys", "cnpg.io/instanceRole", "primary"));
    private static final Peer KEYCLOAK =
            new Peer(NAMESPACE, Map.of("app", "keycloak", "app.kubernetes.io/instance", "gdpr-keycloak"));

    private final Map<String, Map<String, Object>> kubernetes = Project.kubernetes();
    private final List<Map<String, Object>> policies = kubernetes.entrySet().stream()
            .filter(e -> e.getKey().startsWith("NetworkPolicy/"))
            .map(Map.Entry::getValue)
            .toList();
    private final List<Service> services = Project.services();

    /** A party to a connection: a pod (its namespace and labels); {@link #OUTSIDE} is an address beyond the cluster. */
    record Peer(String namespace, Map<String, Object> labels) {
        static final Peer OUTSIDE = new Peer(null, Map.of());
        static final Peer INGRESS = new Peer("ingress-nginx", Map.of("app", "ingress-nginx"));
        static final Peer MONITORING = new Peer("monitoring", Map.of("app", "prometheus"));
        static final Peer DNS = new Peer("kube-system", Map.of("k8s-app", "kube-dns"));
        /** Another pod of the suite's namespace (e.g. an operator's PostgreSQL): no friend of the services. */
        static final Peer NEIGHBOUR = new Peer(NAMESPACE, Map.of("app", "postgres"));
    }

    @Test
    void everyPodOfTheSuiteIsDeniedAllButWhatAPolicyAllows() {
        Map<String, Object> deny = kubernetes.get("NetworkPolicy/gdpr-suite-default-deny");
        assertEquals(List.of("Ingress", "Egress"), at(deny, "spec", "policyTypes"));
        assertNull(at(deny, "spec", "ingress"), "no rule: nothing in");
        assertNull(at(deny, "spec", "egress"), "no rule: nothing out");
        for (Service service : services) {
            assertTrue(selects(at(deny, "spec", "podSelector"), pod(service).labels()), service.name());
        }
    }

    @Test
    void onlyTheGatewayReachesTheServicesPortsAndOnlyTheIngressTheGateway() {
        for (Service to : services) {
            List<String> allowed = new ArrayList<>();
            for (Service from : services) {
                if (allowed(pod(from), pod(to), "TCP", to.port())) {
                    allowed.add(from.name());
                }
            }
            for (Peer other : List.of(Peer.INGRESS, Peer.MONITORING, Peer.NEIGHBOUR, Peer.OUTSIDE)) {
                if (allowed(other, pod(to), "TCP", to.port())) {
                    allowed.add(other.namespace() + "/" + other.labels());
                }
            }
            List<String> expected = switch (to.name()) {
                case "gateway" -> List.of("ingress-nginx/" + Peer.INGRESS.labels());
                // erasure-service asks contact-service for the address on file of a person
                case "contact-service" -> List.of("erasure-service", "gateway");
                // consent-service asks erasure-service for the suite's systems (record of processing)
                case "erasure-service" -> List.of("consent-service", "gateway");
                default -> List.of("gateway");
            };
            assertEquals(
                    expected.stream().sorted().toList(),
                    allowed.stream().sorted().toList(),
                    to.name());
        }
    }

    @Test
    void theManagementPortOnlyFromTheMonitoringNamespace() {
        for (Service to : services) {
            assertTrue(allowed(Peer.MONITORING, pod(to), "TCP", MANAGEMENT), to.name() + " scraped");
            for (Peer other : List.of(Peer.INGRESS, Peer.NEIGHBOUR, Peer.OUTSIDE, pod(gateway()))) {
                assertFalse(allowed(other, pod(to), "TCP", MANAGEMENT), to.name() + " management from " + other);
            }
        }
    }

    @Test
    void theServicesReachTheStackAndNothingElse() {
        for (Service from : services) {
            Peer pod = pod(from);
            assertTrue(allowed(pod, Peer.DNS, "UDP", 53), from.name() + " DNS");
            for (int port : List.of(5432, 9092, 443)) { // PostgreSQL, Kafka, Keycloak
                assertTrue(allowed(pod, Peer.OUTSIDE, "TCP", port), from.name() + " to " + port);
            }
            assertEquals(
                    from.name().equals("subscription-service"),
                    allowed(pod, Peer.OUTSIDE, "TCP", 587),
                    from.name() + " SMTP: only subscription-service sends mail");
            for (int port : List.of(22, 80, 8080, MANAGEMENT)) {
                assertFalse(allowed(pod, Peer.OUTSIDE, "TCP", port), from.name() + " to " + port);
            }
            assertFalse(allowed(pod, Peer.MONITORING, "TCP", MANAGEMENT), from.name() + " to monitoring");
        }
    }

    /** No policy selects nothing: each picks the suite's pods or the stack's, with the labels their operators set. */
    @Test
    void everyPolicySelectsPodsThatExist() {
        List<Map<String, Object>> pods = new ArrayList<>();
        services.forEach(s -> pods.add(pod(s).labels()));
        pods.add(POSTGRES.labels());
        pods.add(KEY_STORE.labels());
        pods.add(KEYCLOAK.labels());
        for (Map<String, Object> policy : policies) {
            Map<String, Object> selector = at(policy, "spec", "podSelector");
            assertTrue(pods.stream().anyMatch(labels -> selects(selector, labels)), (String)
                    at(policy, "metadata", "name"));
        }
    }

    /** PostgreSQL and Keycloak admit the suite (the key store only the services that seal data), no stranger. */
    @Test
    void theStackAdmitsTheSuiteOnly() {
        Peer postgres =
                new Peer(NAMESPACE, Map.of("cnpg.io/cluster", "gdpr-postgres", "cnpg.io/instanceRole", "primary"));
        Peer keyStore = new Peer(NAMESPACE, Map.of("cnpg.io/cluster", "gdpr-keys", "cnpg.io/instanceRole", "primary"));
        Peer keycloak = new Peer(NAMESPACE, Map.of("app", "keycloak", "app.kubernetes.io/instance", "gdpr-keycloak"));
        Peer stranger = new Peer("elsewhere", Map.of("app", "gdpr-suite"));
        for (Service from : services) {
            assertTrue(allowed(pod(from), postgres, "TCP", 5432), from.name() + " to its database");
            assertTrue(allowed(pod(from), keycloak, "TCP", 8080), from.name() + " to Keycloak");
            List<?> env =
                    at(kubernetes.get("Deployment/" + from.name()), "spec", "template", "spec", "containers", 0, "env");
            boolean seals = env.stream().anyMatch(e -> "QUARKUS_DATASOURCE_KEYS_PASSWORD".equals(at(e, "name")));
            assertEquals(seals, allowed(pod(from), keyStore, "TCP", 5432), from.name() + " to the key store");
        }
        assertTrue(allowed(keycloak, postgres, "TCP", 5432), "Keycloak's database");
        assertTrue(allowed(Peer.INGRESS, keycloak, "TCP", 8080), "logins through the ingress");
        for (Peer other : List.of(Peer.NEIGHBOUR, Peer.OUTSIDE, Peer.INGRESS, stranger)) {
            assertFalse(allowed(other, postgres, "TCP", 5432), "PostgreSQL from " + other);
            assertFalse(allowed(other, keyStore, "TCP", 5432), "key store from " + other);
        }
        for (Peer other : List.of(Peer.NEIGHBOUR, Peer.OUTSIDE, stranger)) {
            assertFalse(allowed(other, keycloak, "TCP", 8080), "Keycloak from " + other);
        }
    }

    /** Whether a connection passes: the destination's policies let it in and the source's let it out. */
    private boolean allowed(Peer from, Peer to, String protocol, int port) {
        return passes(to, from, "Ingress", "ingress", "from", protocol, port)
                && passes(from, to, "Egress", "egress", "to", protocol, port);
    }

    /** For the policies of {@code pod} of one direction: none selects it, or a rule of one of them admits. */
    private boolean passes(Peer pod, Peer other, String type, String rules, String peers, String protocol, int port) {
        if (!NAMESPACE.equals(pod.namespace())) {
            return true; // outside the suite's namespace: not ours to restrict
        }
        boolean selected = false;
        for (Map<String, Object> policy : policies) {
            List<?> types = at(policy, "spec", "policyTypes");
            if (!types.contains(type) || !selects(at(policy, "spec", "podSelector"), pod.labels())) {
                continue;
            }
            selected = true;
            List<?> list = at(policy, "spec", rules);
            if (list != null && list.stream().anyMatch(rule -> admits(rule, peers, other, protocol, port))) {
                return true;
            }
        }
        return !selected;
    }

    private static boolean admits(Object rule, String peers, Peer other, String protocol, int port) {
        List<?> ports = at(rule, "ports");
        boolean portMatches = ports == null
                || ports.stream()
                        .anyMatch(p -> protocol.equals(at(p, "protocol"))
                                && Integer.valueOf(port).equals(at(p, "port")));
        List<?> from = at(rule, peers);
        return portMatches && (from == null || from.stream().anyMatch(peer -> matches(peer, other)));
    }

    /** A peer of a rule: pods by namespace and labels (no namespace selector: the policy's own namespace). */
    private static boolean matches(Object peer, Peer other) {
        assertNull(at(peer, "ipBlock"), "this check knows pod and namespace selectors only");
        if (other.namespace() == null) {
            return false; // a pod selector never matches an address outside the cluster
        }
        Map<String, Object> namespaces = at(peer, "namespaceSelector");
        boolean namespace = namespaces == null
                ? NAMESPACE.equals(other.namespace())
                : selects(namespaces, Map.of("kubernetes.io/metadata.name", other.namespace()));
        Map<String, Object> pods = at(peer, "podSelector");
        return namespace && (pods == null || selects(pods, other.labels()));
    }

    private static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        assertNull(selector.get("matchExpressions"), "this check knows matchLabels only");
        Map<String, Object> wanted = selector.get("matchLabels") == null ? Map.of() : at(selector, "matchLabels");
        return labels.entrySet().containsAll(wanted.entrySet());
    }

    private Peer pod(Service service) {
        Map<String, Object> labels =
                at(kubernetes.get("Deployment/" + service.name()), "spec", "template", "metadata", "labels");
        return new Peer(NAMESPACE, labels);
    }

    private Service gateway() {
        return services.stream()
                .filter(s -> s.name().equals("gateway"))
                .findFirst()
                .orElseThrow();
    }
}
