package org.gdprsuite.deploy;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gdprsuite.deploy.Project.Service;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.gdprsuite.deploy.Project.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production overlay's components as their operators run them, true to the suite: Strimzi topics for every
 * topic of libs/events with their retention and size limits, Strimzi users with the rights ./suite provisions,
 * CloudNativePG databases for every service and a key store of its own with short-lived backups, Keycloak with
 * the production realm, and the Ingress to the gateway with TLS.
 */
@Tag("unit")
class OperatorsTest {

    private static final int SIXTEEN_MIB = 16 * 1024 * 1024;
    /** The key store's backups live no longer than an erasure may take: a request is due a month after receipt. */
    private static final int KEY_STORE_BACKUP_DAYS = 30;

    private final Map<String, Map<String, Object>> prod = Project.kubernetes("prod");
    private final List<Service> services = Project.services();

    @Test
    void everyTopicOfTheContractIsAStrimziTopicWithItsRetention() {
        Map<String, Integer> partitions = new LinkedHashMap<>();
        for (String line :
                Project.read(Project.ROOT.resolve("stack/kafka/topics.txt")).split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                partitions.put(line.split("\\s+")[0], Integer.parseInt(line.split("\\s+")[1]));
            }
        }
        Set<String> contract = new HashSet<>();
        Matcher constant = Pattern.compile("String [A-Z_]+ = \"([a-z][a-z.]+)\"")
                .matcher(Project.read(
                        Project.ROOT.resolve("libs/events/src/main/java/org/gdprsuite/events/Topics.java")));
        while (constant.find()) {
            contract.add(constant.group(1));
            contract.add(constant.group(1) + ".dlq");
        }
        assertEquals(16, contract.size(), "eight topics and their dead letters");
        String kafkaYaml = Project.read(Project.ROOT.resolve("deploy/kubernetes/overlays/prod/kafka.yaml"));
        Set<String> made = new HashSet<>();
        for (Map<String, Object> topic : Project.ofKind("prod", "KafkaTopic")) {
            String name = at(topic, "spec", "topicName");
            made.add(name);
            assertEquals("gdpr-kafka", at(topic, "metadata", "labels", "strimzi.io/cluster"), name);
            assertEquals(partitions.get(name), at(topic, "spec", "partitions"), name + " partitions as ./suite");
            assertEquals(3, (int) at(topic, "spec", "replicas"), name);
            assertEquals(2, (int) at(topic, "spec", "config", "min.insync.replicas"), name);
            Number retention = at(topic, "spec", "config", "retention.ms");
            assertTrue(retention != null && retention.longValue() > 0, name + " has a retention");
            assertTrue(kafkaYaml.contains("# " + name + ": "), name + ": the why of its retention in a comment");
            Integer maxBytes = at(topic, "spec", "config", "max.message.bytes");
            assertEquals(name.startsWith("dsr.replies") ? Integer.valueOf(SIXTEEN_MIB) : null, maxBytes, name);
        }
        assertEquals(contract, made);
        assertEquals(contract, partitions.keySet());
    }

    @Test
    void everyPrincipalIsAStrimziUserWithTheRightsSuiteProvisions() {
        Map<String, Set<String>> wanted = new LinkedHashMap<>();
        for (String line :
                Project.read(Project.ROOT.resolve("stack/kafka/acls.txt")).split("\n")) {
            String[] right = line.trim().split("\\s+");
            if (right.length == 3 && !line.startsWith("#") && !right[0].equals("suite-test")) {
                String resource = right[1].equals("group") ? "group" : "topic";
                String operation = right[1].equals("write") ? "Write" : "Read";
                wanted.computeIfAbsent(right[0], p -> new HashSet<>()).add(resource + " " + right[2] + " " + operation);
            }
        }
        Map<String, Set<String>> made = new LinkedHashMap<>();
        for (Map<String, Object> user : Project.ofKind("prod", "KafkaUser")) {
            String name = at(user, "metadata", "name");
            assertEquals("scram-sha-512", at(user, "spec", "authentication", "type"));
            assertEquals(
                    "gdpr-suite-kafka",
                    at(user, "spec", "authentication", "password", "valueFrom", "secretKeyRef", "name"));
            assertEquals(name, at(user, "spec", "authentication", "password", "valueFrom", "secretKeyRef", "key"));
            Set<String> rights = made.computeIfAbsent(name, n -> new HashSet<>());
            for (Map<String, Object> acl : (List<Map<String, Object>>) at(user, "spec", "authorization", "acls")) {
                String pattern = at(acl, "resource", "patternType");
                String resource = at(acl, "resource", "name") + ("prefix".equals(pattern) ? "*" : "");
                for (Object operation : (List<?>) acl.get("operations")) {
                    rights.add(at(acl, "resource", "type") + " " + resource + " " + operation);
                }
            }
        }
        assertEquals(wanted, made);
        services.forEach(s -> assertTrue(made.containsKey(s.name()), s.name() + " is a KafkaUser"));

        Map<String, Object> kafka = prod.get("Kafka/gdpr-kafka");
        Map<String, Object> listener = at(kafka, "spec", "kafka", "listeners", 0);
        String bootstrap = at(prod.get("ConfigMap/gdpr-suite-config"), "data", "KAFKA_BOOTSTRAP_SERVERS");
        assertEquals("gdpr-kafka-kafka-bootstrap.gdpr-suite.svc:" + listener.get("port"), bootstrap);
        assertEquals(true, listener.get("tls"), "SASL_SSL");
        assertEquals("scram-sha-512", at(listener, "authentication", "type"));
        assertEquals("simple", at(kafka, "spec", "kafka", "authorization", "type"), "ACLs enforced");
        assertEquals(
                List.of(Map.of(
                        "podSelector", Map.of("matchLabels", Map.of("app.kubernetes.io/part-of", "gdpr-suite")))),
                listener.get("networkPolicyPeers"),
                "Kafka only from the suite");
    }

    @Test
    void everyServiceHasItsDatabaseAndTheKeyStoreItsOwnClusterAndBackups() {
        Map<String, Object> data = prod.get("Cluster/gdpr-postgres");
        Map<String, Object> keys = prod.get("Cluster/gdpr-keys");
        Set<String> roles = new HashSet<>();
        roles.add(at(data, "spec", "bootstrap", "initdb", "owner"));
        for (Map<String, Object> role : (List<Map<String, Object>>) at(data, "spec", "managed", "roles")) {
            roles.add((String) role.get("name"));
            assertEquals("gdpr-db-role-" + role.get("name"), at(role, "passwordSecret", "name"));
        }
        for (Service service : services) {
            String db = service.database();
            boolean initial = db.equals(at(data, "spec", "bootstrap", "initdb", "database"));
            Map<String, Object> database = prod.get("Database/" + db);
            assertTrue(initial || database != null, db + " database");
            if (!initial) {
                assertEquals("gdpr-postgres", at(database, "spec", "cluster", "name"));
                assertEquals(db, at(database, "spec", "name"));
                assertEquals(db, at(database, "spec", "owner"));
            }
            assertTrue(roles.contains(db), db + " role");
            assertSameRemoteValue("gdpr-suite-db", db, "gdpr-db-role-" + db);
        }
        Map<String, Object> config = at(prod.get("ConfigMap/gdpr-suite-config"), "data");
        assertEquals("gdpr-postgres-rw.gdpr-suite.svc", config.get("GDPR_DB_HOST"));
        assertEquals("gdpr-keys-rw.gdpr-suite.svc", config.get("GDPR_KEYS_DB_HOST"));
        assertEquals("gdpr_keys", at(keys, "spec", "bootstrap", "initdb", "database"));
        assertEquals("gdpr_keys", at(keys, "spec", "bootstrap", "initdb", "owner"));
        assertSameRemoteValue("gdpr-suite-db", "gdpr_keys", at(keys, "spec", "bootstrap", "initdb", "secret", "name"));

        String retention = at(keys, "spec", "backup", "retentionPolicy");
        assertTrue(
                retention.endsWith("d") && Integer.parseInt(retention.replace("d", "")) <= KEY_STORE_BACKUP_DAYS,
                retention);
        assertTrue(
                !at(keys, "spec", "backup", "barmanObjectStore", "destinationPath")
                        .equals(at(data, "spec", "backup", "barmanObjectStore", "destinationPath")),
                "a place of its own");
        List<String> backedUp = Project.ofKind("prod", "ScheduledBackup").stream()
                .map(b -> (String) at(b, "spec", "cluster", "name"))
                .toList();
        assertTrue(backedUp.contains("gdpr-keys") && backedUp.contains("gdpr-postgres"), "own schedules " + backedUp);
    }

    @Test
    void keycloakImportsTheProductionRealmAndTheGatewayHasTls() {
        Map<String, Object> realmImport = prod.get("KeycloakRealmImport/gdpr-suite-realm");
        assertEquals("gdpr-keycloak", at(realmImport, "spec", "keycloakCRName"));
        assertNotNull(prod.get("Keycloak/gdpr-keycloak"));
        assertEquals(
                Project.yaml(ProductionRealmTest.REALM), at(realmImport, "spec", "realm"), "the realm file, unchanged");
        Map<String, Object> keycloak = prod.get("Keycloak/gdpr-keycloak");
        assertNotNull(prod.get("Database/" + at(keycloak, "spec", "db", "database")), "Keycloak's database");

        Map<String, Object> ingress = prod.get("Ingress/gateway");
        String host = at(ingress, "spec", "rules", 0, "host");
        assertTrue(((List<?>) at(ingress, "spec", "tls", 0, "hosts")).contains(host), "TLS for " + host);
        assertEquals("gateway", at(ingress, "spec", "rules", 0, "http", "paths", 0, "backend", "service", "name"));
        assertEquals("http", at(ingress, "spec", "rules", 0, "http", "paths", 0, "backend", "service", "port", "name"));
        assertEquals("https://" + host, at(prod.get("ConfigMap/gdpr-suite-config"), "data", "GDPR_PUBLIC_BASE_URL"));
    }

    /** Two ExternalSecrets that must carry one value (a role's password for the service and for CloudNativePG). */
    private void assertSameRemoteValue(String secret, String key, String other) {
        Map<String, Object> a = remoteRef(secret, key);
        Map<String, Object> b = remoteRef(other, "password");
        assertEquals(a, b, secret + "/" + key + " and " + other + " from one value of the store");
    }

    private Map<String, Object> remoteRef(String secret, String key) {
        List<Map<String, Object>> data = at(prod.get("ExternalSecret/" + secret), "spec", "data");
        return at(
                data.stream()
                        .filter(d -> key.equals(d.get("secretKey")))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError(secret + " has no " + key)),
                "remoteRef");
    }
}
