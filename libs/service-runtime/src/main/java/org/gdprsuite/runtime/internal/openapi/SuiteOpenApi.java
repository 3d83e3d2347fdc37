package org.gdprsuite.runtime.internal.openapi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.gdprsuite.runtime.internal.operations.OperationsResource;
import org.gdprsuite.runtime.problem.Problem;

/**
 * Makes every service's OpenAPI document a contract a front-end can generate a client from: an operation
 * without a security requirement is public and says so ({@code security: []}), and every operation
 * declares the problem+json answer that each of its 4xx errors is; an HTML page is a string, not the
 * template engine's object graph, and schemas nothing refers to are left out. The operations report every service
 * serves is described at the service's own path ({@link #operationsPathOf}).
 */
public class SuiteOpenApi implements OASFilter {

    static final String PROBLEM_SCHEMA = "Problem";
    private static final String SCHEMA_REFS = "#/components/schemas/";
    private static final String PROBLEM_REF = SCHEMA_REFS + PROBLEM_SCHEMA;

    @Override
    public Operation filterOperation(Operation operation) {
        if (operation.getSecurity() == null) {
            operation.setSecurity(new ArrayList<>());
        }
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        responses.getAPIResponses().values().forEach(response -> htmlAsText(response.getContent()));
        boolean hasClientError = responses.getAPIResponses() != null
                && responses.getAPIResponses().keySet().stream().anyMatch(code -> code.startsWith("4"));
        if (!hasClientError) {
            responses.addAPIResponse(
                    "4XX",
                    OASFactory.createAPIResponse()
                            .description("The request is refused: a problem detail (RFC 9457) says why.")
                            .content(OASFactory.createContent()
                                    .addMediaType(
                                            Problem.MEDIA_TYPE,
                                            OASFactory.createMediaType()
                                                    .schema(OASFactory.createSchema()
                                                            .ref(PROBLEM_REF)))));
        }
        return operation;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        ConfigProvider.getConfig()
                .getOptionalValue("quarkus.application.name", String.class)
                .ifPresent(service -> operationsPathOf(openAPI, service));
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        Map<String, Schema> schemas = components.getSchemas();
        if (schemas == null || !schemas.containsKey(PROBLEM_SCHEMA)) {
            components.addSchema(PROBLEM_SCHEMA, problemSchema());
        }
        Set<String> used = new HashSet<>();
        if (openAPI.getPaths() != null && openAPI.getPaths().getPathItems() != null) {
            openAPI.getPaths()
                    .getPathItems()
                    .values()
                    .forEach(item -> item.getOperations()
                            .values()
                            .forEach(operation ->
                                    schemasOf(operation).forEach(schema -> collect(schema, components, used))));
        }
        new ArrayList<>(components.getSchemas().keySet())
                .stream().filter(name -> !used.contains(name)).forEach(components::removeSchema);
    }

    /**
     * Every service serves its operations report at {@code /api/operations/{service}} and answers only its own name:
     * its document names its own path, {@code /api/operations/<service>}, with an operation id of its own, so that
     * the gateway's merged document keeps each service's (and the authorization matrix checks each).
     */
    static void operationsPathOf(OpenAPI openAPI, String service) {
        String template = OperationsResource.PATH + "/{service}";
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItem(template) == null) {
            return;
        }
        PathItem item = openAPI.getPaths().getPathItem(template);
        openAPI.getPaths().removePathItem(template);
        if (item.getParameters() != null) {
            item.setParameters(withoutServiceParameter(item.getParameters()));
        }
        item.getOperations().values().forEach(operation -> {
            if (operation.getParameters() != null) {
                operation.setParameters(withoutServiceParameter(operation.getParameters()));
            }
            operation.setOperationId("OperationsResource_" + camelCase(service));
        });
        openAPI.getPaths().addPathItem(OperationsResource.PATH + "/" + service, item);
    }

    private static List<Parameter> withoutServiceParameter(List<Parameter> parameters) {
        List<Parameter> kept = parameters.stream()
                .filter(p -> !("service".equals(p.getName()) && p.getIn() == Parameter.In.PATH))
                .toList();
        return kept.isEmpty() ? null : new ArrayList<>(kept);
    }

    /** {@code contact-service} → {@code contactService}. */
    private static String camelCase(String name) {
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : name.toCharArray()) {
            if (!Character.isLetterOrDigit(c)) {
                upper = camel.length() > 0;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return camel.toString();
    }

    private static void htmlAsText(Content content) {
        if (content != null
                && content.getMediaTypes() != null
                && content.getMediaTypes().containsKey("text/html")) {
            content.getMediaType("text/html")
                    .setSchema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
        }
    }

    /** The schemas an operation names: of its parameters, its body and its answers. */
    private static List<Schema> schemasOf(Operation operation) {
        List<Schema> found = new ArrayList<>();
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(parameter -> found.add(parameter.getSchema()));
        }
        List<Content> contents = new ArrayList<>();
        if (operation.getRequestBody() != null) {
            contents.add(operation.getRequestBody().getContent());
        }
        if (operation.getResponses() != null && operation.getResponses().getAPIResponses() != null) {
            operation
                    .getResponses()
                    .getAPIResponses()
                    .values()
                    .forEach(response -> contents.add(response.getContent()));
        }
        contents.stream()
                .filter(content -> content != null && content.getMediaTypes() != null)
                .forEach(content -> content.getMediaTypes().values().forEach(media -> found.add(media.getSchema())));
        return found;
    }

    /** Adds the component schemas that {@code schema} refers to, directly or through other schemas. */
    private static void collect(Schema schema, Components components, Set<String> used) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null && schema.getRef().startsWith(SCHEMA_REFS)) {
            String name = schema.getRef().substring(SCHEMA_REFS.length());
            if (used.add(name)) {
                collect(components.getSchemas().get(name), components, used);
            }
        }
        List<Schema> nested = new ArrayList<>();
        if (schema.getProperties() != null) {
            nested.addAll(schema.getProperties().values());
        }
        nested.add(schema.getItems());
        nested.add(schema.getAdditionalPropertiesSchema());
        nested.add(schema.getNot());
        for (List<Schema> group : Arrays.asList(schema.getAllOf(), schema.getAnyOf(), schema.getOneOf())) {
            if (group != null) {
                nested.addAll(group);
            }
        }
        nested.forEach(child -> collect(child, components, used));
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema violation = OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .addProperty("field", text)
                .addProperty("message", text);
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem detail; never echoes submitted values.")
                .addProperty("type", text.description("about:blank or https://gdpr-suite.org/problems/<slug>"))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty(
                        "violations",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.ARRAY)
                                .items(violation))
                .required(List.of("type", "title", "status"));
    }
}
