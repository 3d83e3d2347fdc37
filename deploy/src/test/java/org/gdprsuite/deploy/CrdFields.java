package org.gdprsuite.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The fields we use of the CRDs that publish no Java model on Maven Central (External Secrets Operator v1,
 * CloudNativePG v1, Keycloak operator v2alpha1), written from their API references, with the allowed values or
 * formats where the CRD restricts them. A field outside these lists, a typo or a field of another version, fails:
 * add it here only after checking it in the operator's CRD. {@code .*} ends a free-form map; {@code []} is a list.
 */
final class CrdFields {

    private static final Map<String, Set<String>> FIELDS = Map.of(
            "external-secrets.io/v1/ExternalSecret",
            Set.of(
                    "spec.refreshInterval",
                    "spec.secretStoreRef.kind",
                    "spec.secretStoreRef.name",
                    "spec.target.name",
                    "spec.target.creationPolicy",
                    "spec.target.deletionPolicy",
                    "spec.target.template.type",
                    "spec.target.template.engineVersion",
                    "spec.target.template.data.*",
                    "spec.data[].secretKey",
                    "spec.data[].remoteRef.key",
                    "spec.data[].remoteRef.property",
                    "spec.data[].remoteRef.version"),
            "postgresql.cnpg.io/v1/Cluster",
            Set.of(
                    "spec.instances",
                    "spec.imageName",
                    "spec.enableSuperuserAccess",
                    "spec.storage.size",
                    "spec.storage.storageClass",
                    "spec.resources.requests.*",
                    "spec.resources.limits.*",
                    "spec.affinity.enablePodAntiAffinity",
                    "spec.affinity.topologyKey",
                    "spec.postgresql.parameters.*",
                    "spec.bootstrap.initdb.database",
                    "spec.bootstrap.initdb.owner",
                    "spec.bootstrap.initdb.secret.name",
                    "spec.managed.roles[].name",
                    "spec.managed.roles[].ensure",
                    "spec.managed.roles[].login",
                    "spec.managed.roles[].passwordSecret.name",
                    "spec.managed.roles[].connectionLimit",
                    "spec.backup.retentionPolicy",
                    "spec.backup.barmanObjectStore.destinationPath",
                    "spec.backup.barmanObjectStore.s3Credentials.accessKeyId.name",
                    "spec.backup.barmanObjectStore.s3Credentials.accessKeyId.key",
                    "spec.backup.barmanObjectStore.s3Credentials.secretAccessKey.name",
                    "spec.backup.barmanObjectStore.s3Credentials.secretAccessKey.key",
                    "spec.backup.barmanObjectStore.wal.compression",
                    "spec.backup.barmanObjectStore.data.compression",
                    "spec.monitoring.enablePodMonitor"),
            "postgresql.cnpg.io/v1/Database",
            Set.of("spec.cluster.name", "spec.name", "spec.owner", "spec.ensure"),
            "postgresql.cnpg.io/v1/ScheduledBackup",
            Set.of(
                    "spec.schedule",
                    "spec.cluster.name",
                    "spec.method",
                    "spec.backupOwnerReference",
                    "spec.immediate",
                    "spec.suspend"),
            "k8s.keycloak.org/v2alpha1/Keycloak",
            Set.of(
                    "spec.instances",
                    "spec.db.vendor",
                    "spec.db.host",
                    "spec.db.port",
                    "spec.db.database",
                    "spec.db.usernameSecret.name",
                    "spec.db.usernameSecret.key",
                    "spec.db.passwordSecret.name",
                    "spec.db.passwordSecret.key",
                    "spec.bootstrapAdmin.user.secret",
                    "spec.http.httpEnabled",
                    "spec.http.tlsSecret",
                    "spec.hostname.hostname",
                    "spec.proxy.headers",
                    "spec.ingress.enabled",
                    "spec.ingress.className"),
            // The realm is Keycloak's RealmRepresentation: ProductionRealmTest reads it, KeycloakTest keeps it equal.
            "k8s.keycloak.org/v2alpha1/KeycloakRealmImport",
            Set.of("spec.keycloakCRName", "spec.realm.*"));

    /** Values the CRDs restrict (enums, patterns). */
    private static final Map<String, Pattern> VALUES = Map.ofEntries(
            Map.entry("spec.secretStoreRef.kind", Pattern.compile("SecretStore|ClusterSecretStore")),
            Map.entry("spec.target.creationPolicy", Pattern.compile("Owner|Orphan|Merge|None")),
            Map.entry("spec.refreshInterval", Pattern.compile("([0-9]+(\\.[0-9]+)?(ms|s|m|h))+")),
            Map.entry("spec.managed.roles[].ensure", Pattern.compile("present|absent")),
            Map.entry("spec.ensure", Pattern.compile("present|absent")),
            Map.entry("spec.backup.retentionPolicy", Pattern.compile("[1-9][0-9]*[dwm]")),
            Map.entry(
                    "spec.backup.barmanObjectStore.wal.compression", Pattern.compile("bzip2|gzip|lz4|snappy|xz|zstd")),
            Map.entry(
                    "spec.backup.barmanObjectStore.data.compression", Pattern.compile("bzip2|gzip|lz4|snappy|xz|zstd")),
            // CloudNativePG's schedule has seconds: six fields.
            Map.entry("spec.schedule", Pattern.compile("\\S+( \\S+){5}")),
            Map.entry("spec.method", Pattern.compile("barmanObjectStore|volumeSnapshot|plugin")),
            Map.entry("spec.backupOwnerReference", Pattern.compile("none|self|cluster")),
            Map.entry("spec.instances", Pattern.compile("[1-9][0-9]*")),
            Map.entry("spec.db.vendor", Pattern.compile("postgres|mariadb|mssql|mysql|oracle|dev-file")),
            Map.entry("spec.proxy.headers", Pattern.compile("forwarded|xforwarded")));

    private CrdFields() {}

    static boolean knows(String type) {
        return FIELDS.containsKey(type);
    }

    /** The fields of {@code object} outside the CRD's (as listed), and values the CRD refuses. */
    static List<String> problems(String type, Map<String, Object> object) {
        List<String> problems = new ArrayList<>();
        Set<String> fields = FIELDS.get(type);
        String name = type + " " + ((Map<?, ?>) object.get("metadata")).get("name");
        object.forEach((key, value) -> {
            if (!Set.of("apiVersion", "kind", "metadata").contains(key)) {
                walk(value, key, fields, name, problems);
            }
        });
        return problems;
    }

    private static void walk(Object value, String path, Set<String> fields, String name, List<String> problems) {
        if (fields.stream().anyMatch(f -> f.endsWith(".*") && path.startsWith(f.substring(0, f.length() - 1)))) {
            return; // a free-form map
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, child) -> walk(child, path + "." + key, fields, name, problems));
        } else if (value instanceof List<?> list) {
            list.forEach(item -> walk(item, path + "[]", fields, name, problems));
        } else if (!fields.contains(path)) {
            problems.add(name + ": " + path + " is no field of the CRD we know");
        } else if (VALUES.containsKey(path)
                && !VALUES.get(path).matcher(String.valueOf(value)).matches()) {
            problems.add(name + ": " + path + " = " + value + " is refused by the CRD");
        }
    }
}
