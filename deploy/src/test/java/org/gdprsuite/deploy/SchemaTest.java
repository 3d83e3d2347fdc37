package org.gdprsuite.deploy;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.keycloak.representations.idm.RealmRepresentation;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

import static org.gdprsuite.deploy.Project.at;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every object both overlays build is valid for the API it is sent to: Kubernetes' own kinds and the operators'
 * that publish Java models (Prometheus operator: fabric8's monitoring model; Strimzi: io.strimzi:api) are read
 * into those classes, and a field the class does not know fails (the models keep unknown fields aside instead of
 * refusing them, so every object's additionalProperties must stay empty). The External Secrets Operator,
 * CloudNativePG and the Keycloak operator publish no model on Maven Central: their objects are checked against the
 * fields of their CRDs that we use (CrdFields), written from the operators' reference documentation, and the realm
 * a KeycloakRealmImport carries is read strictly into Keycloak's RealmRepresentation (keycloak-core).
 */
@Tag("unit")
class SchemaTest {

    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PodMonitor", PodMonitor.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", KafkaUser.class));

    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectIsValidForItsApi(String overlay) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> object : Project.kustomize(overlay)) {
            String type = object.get("apiVersion") + "/" + object.get("kind");
            String name = type + " " + at(object, "metadata", "name");
            Class<?> model = MODELS.get(type);
            try {
                if (model != null) {
                    unknownFields(MAPPER.convertValue(object, model), name, problems, 0);
                } else if (type.equals("k8s.keycloak.org/v2alpha1/KeycloakRealmImport")) {
                    // The Keycloak operator publishes no model; the realm is Keycloak's own RealmRepresentation.
                    unknownFields(MAPPER.convertValue(object.get("metadata"), ObjectMeta.class), name, problems, 0);
                    problems.addAll(CrdFields.problems(type, object));
                    MAPPER.convertValue(at(object, "spec", "realm"), RealmRepresentation.class);
                } else if (CrdFields.knows(type)) {
                    unknownFields(MAPPER.convertValue(object.get("metadata"), ObjectMeta.class), name, problems, 0);
                    problems.addAll(CrdFields.problems(type, object));
                } else {
                    problems.add(name + ": no schema known for " + type);
                }
            } catch (IllegalArgumentException e) {
                problems.add(name + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), problems, overlay);
    }

    /** The check itself: a misspelt field fails, in a model's object and in a CRD's. */
    @Test
    void aFieldTheSchemaDoesNotKnowFails() {
        Map<String, Object> deployment = Map.of(
                "apiVersion",
                "apps/v1",
                "kind",
                "Deployment",
                "metadata",
                Map.of("name", "x"),
                "spec",
                Map.of(
                        "replica",
                        2,
                        "template",
                        Map.of("spec", Map.of("containers", List.of(Map.of("name", "x", "livenesProbe", Map.of()))))));
        List<String> problems = new ArrayList<>();
        unknownFields(MAPPER.convertValue(deployment, Deployment.class), "Deployment x", problems, 0);
        assertEquals(2, problems.size(), problems.toString());
        Map<String, Object> backup =
                Map.of("metadata", Map.of("name", "b"), "spec", Map.of("schedule", "0 2 * * *", "clusterName", "c"));
        assertEquals(
                2,
                CrdFields.problems("postgresql.cnpg.io/v1/ScheduledBackup", backup)
                        .size());
    }

    /** Walks a model object: every object of the models must have no additional (unknown) property. */
    private static void unknownFields(Object value, String where, List<String> problems, int depth) {
        if (value == null || depth > 40) {
            return;
        }
        if (value instanceof Collection<?> items) {
            items.forEach(item -> unknownFields(item, where, problems, depth + 1));
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.values().forEach(item -> unknownFields(item, where, problems, depth + 1));
            return;
        }
        if (!isModel(value.getClass())) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || !isModel(getter.getDeclaringClass())) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (ReflectiveOperationException | RuntimeException e) {
                continue; // a computed getter, not a field
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(where + ": unknown fields " + extra.keySet() + " in "
                            + value.getClass().getSimpleName());
                }
            } else {
                unknownFields(field, where, problems, depth + 1);
            }
        }
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        return !type.isEnum()
                && (name.startsWith("io.fabric8.kubernetes.api.model")
                        || name.startsWith("io.fabric8.openshift.api.model")
                        || name.startsWith("io.strimzi.api"));
    }
}
