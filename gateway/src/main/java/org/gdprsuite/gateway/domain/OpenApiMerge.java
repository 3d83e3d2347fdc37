package org.gdprsuite.gateway.domain;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The services' OpenAPI documents merged into one contract of the suite. Two services may name different
 * schemas alike (an enum {@code Status} of requests and of incidents): such a name is prefixed with its
 * service's name in that service's part ({@code ErasureStatus}, {@code IncidentStatus}) and its references
 * follow, so that neither overwrites the other. Schemas that are the same in every service stay as one.
 */
public final class OpenApiMerge {

    private static final String SCHEMA_REFS = "#/components/schemas/";

    private OpenApiMerge() {}

    /**
     * @param documents service name (as in the routing table, e.g. {@code erasure-service}) → its document
     * @param serverUrl where clients reach the suite (the gateway's own address)
     */
    public static ObjectNode merge(Map<String, JsonNode> documents, String serverUrl) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode merged = nodes.objectNode();
        merged.put("openapi", "3.1.0");
        merged.putObject("info")
                .put("title", "GDPR Suite API")
                .put("version", "0.1.0")
                .put("description", "All services behind the gateway. Events: /api/asyncapi.yaml");
        merged.putArray("servers").addObject().put("url", serverUrl);
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode securitySchemes = components.putObject("securitySchemes");
        Set<String> clashing = clashingSchemaNames(documents);
        documents.forEach((service, document) -> {
            Map<String, String> renamed = new HashMap<>();
            document.path("components").path("schemas").fieldNames().forEachRemaining(name -> {
                if (clashing.contains(name)) {
                    renamed.put(name, prefix(service) + name);
                }
            });
            JsonNode part = renamed.isEmpty() ? document : renameReferences(document.deepCopy(), renamed);
            part.path("paths").fields().forEachRemaining(path -> paths.set(path.getKey(), path.getValue()));
            part.path("components")
                    .path("schemas")
                    .fields()
                    .forEachRemaining(schema ->
                            schemas.set(renamed.getOrDefault(schema.getKey(), schema.getKey()), schema.getValue()));
            part.path("components")
                    .path("securitySchemes")
                    .fields()
                    .forEachRemaining(scheme -> securitySchemes.set(scheme.getKey(), scheme.getValue()));
        });
        return merged;
    }

    /** Names that two services give to schemas that differ. */
    private static Set<String> clashingSchemaNames(Map<String, JsonNode> documents) {
        Map<String, JsonNode> first = new LinkedHashMap<>();
        Set<String> clashing = new HashSet<>();
        documents
                .values()
                .forEach(document -> document.path("components")
                        .path("schemas")
                        .fields()
                        .forEachRemaining(schema -> {
                            JsonNode earlier = first.putIfAbsent(schema.getKey(), schema.getValue());
                            if (earlier != null && !earlier.equals(schema.getValue())) {
                                clashing.add(schema.getKey());
                            }
                        }));
        return clashing;
    }

    private static JsonNode renameReferences(JsonNode node, Map<String, String> renamed) {
        if (node instanceof ObjectNode object) {
            object.fields().forEachRemaining(field -> {
                JsonNode value = field.getValue();
                if (field.getKey().equals("$ref")
                        && value.isTextual()
                        && value.asText().startsWith(SCHEMA_REFS)) {
                    String name = value.asText().substring(SCHEMA_REFS.length());
                    if (renamed.containsKey(name)) {
                        field.setValue(TextNode.valueOf(SCHEMA_REFS + renamed.get(name)));
                    }
                } else {
                    renameReferences(value, renamed);
                }
            });
        } else if (node.isArray()) {
            node.forEach(element -> renameReferences(element, renamed));
        }
        return node;
    }

    /** {@code erasure-service} → {@code Erasure}. */
    static String prefix(String service) {
        StringBuilder prefix = new StringBuilder();
        for (String word : service.replace("-service", "").split("-")) {
            if (!word.isEmpty()) {
                prefix.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return prefix.toString();
    }
}
