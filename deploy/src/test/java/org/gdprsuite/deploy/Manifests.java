package org.gdprsuite.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.gdprsuite.deploy.Project.at;

/** Reading built manifests: which Secrets an overlay declares, which it references, which pods a selector picks. */
final class Manifests {

    /** Keys under which an object names a Secret with {@code name} (and {@code key}): Kubernetes and the operators. */
    private static final Set<String> SECRET_REFS =
            Set.of("secretKeyRef", "usernameSecret", "passwordSecret", "accessKeyId", "secretAccessKey", "secret");

    /** A Secret, and the key of it, that an object uses; {@code key} null when the whole Secret is meant. */
    record SecretRef(String secret, String key, String where) {}

    private Manifests() {}

    /**
     * The Secrets an overlay declares and their keys: plain Secrets, the targets of ExternalSecrets, and those the
     * operators make: Strimzi's cluster CA of each Kafka, cert-manager's certificate of each TLS Ingress.
     */
    static Map<String, Set<String>> declaredSecrets(List<Map<String, Object>> objects) {
        Map<String, Set<String>> declared = new HashMap<>();
        for (Map<String, Object> o : objects) {
            String name = at(o, "metadata", "name");
            switch (String.valueOf(o.get("kind"))) {
                case "Secret" -> {
                    Set<String> keys = declared.computeIfAbsent(name, n -> new HashSet<>());
                    for (String field : List.of("data", "stringData")) {
                        Map<String, Object> data = at(o, field);
                        if (data != null) {
                            keys.addAll(data.keySet());
                        }
                    }
                }
                case "ExternalSecret" -> {
                    Set<String> keys = declared.computeIfAbsent(at(o, "spec", "target", "name"), n -> new HashSet<>());
                    Map<String, Object> template = at(o, "spec", "target", "template", "data");
                    if (template != null) {
                        keys.addAll(template.keySet());
                    } else {
                        List<Map<String, Object>> data = at(o, "spec", "data");
                        data.forEach(d -> keys.add((String) d.get("secretKey")));
                    }
                }
                case "Kafka" -> declared.put(name + "-cluster-ca-cert", Set.of("ca.crt", "ca.p12", "ca.password"));
                case "Ingress" -> {
                    Map<String, Object> annotations = at(o, "metadata", "annotations");
                    List<Map<String, Object>> tls = at(o, "spec", "tls");
                    if (annotations != null
                            && annotations.containsKey("cert-manager.io/cluster-issuer")
                            && tls != null) {
                        tls.forEach(t -> declared.put((String) t.get("secretName"), Set.of("tls.crt", "tls.key")));
                    }
                }
                default -> {}
            }
        }
        return declared;
    }

    /** Every Secret (and key) the objects of an overlay refer to, wherever they do. */
    static List<SecretRef> secretRefs(List<Map<String, Object>> objects) {
        List<SecretRef> refs = new ArrayList<>();
        for (Map<String, Object> o : objects) {
            if (!"ExternalSecret".equals(o.get("kind"))) {
                collect(o.get("spec"), o.get("kind") + "/" + at(o, "metadata", "name"), null, refs);
            }
        }
        return refs;
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object node, String where, String field, List<SecretRef> refs) {
        if (node instanceof List<?> list) {
            list.forEach(item -> collect(item, where, field, refs));
        } else if (node instanceof Map<?, ?> raw) {
            Map<String, Object> map = (Map<String, Object>) raw;
            if (field != null && SECRET_REFS.contains(field) && map.get("name") instanceof String name) {
                refs.add(new SecretRef(name, (String) map.get("key"), where));
            }
            if (map.get("secretName") instanceof String name) {
                List<Map<String, Object>> items = (List<Map<String, Object>>) map.get("items");
                if (items == null) {
                    refs.add(new SecretRef(name, null, where));
                } else {
                    items.forEach(item -> refs.add(new SecretRef(name, (String) item.get("key"), where)));
                }
            }
            map.forEach((key, value) -> {
                if ("secret".equals(key) && value instanceof String name) {
                    refs.add(new SecretRef(name, null, where));
                } else {
                    collect(value, where, key, refs);
                }
            });
        }
    }

    /** Whether a label selector (matchLabels only) picks a pod with these labels. */
    static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        if (selector.get("matchExpressions") != null) {
            throw new AssertionError("these checks know matchLabels only");
        }
        Map<String, Object> wanted = selector.get("matchLabels") == null ? Map.of() : at(selector, "matchLabels");
        return labels.entrySet().containsAll(wanted.entrySet());
    }

    /** The labels of the pods of a Deployment. */
    static Map<String, Object> podLabels(Map<String, Object> deployment) {
        return at(deployment, "spec", "template", "metadata", "labels");
    }

    /** The (first) container of a Deployment. */
    static Map<String, Object> container(Map<String, Object> deployment) {
        return at(deployment, "spec", "template", "spec", "containers", 0);
    }
}
