package org.gdprsuite.gateway.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.gdprsuite.gateway.config.GatewayConfig;
import org.gdprsuite.gateway.domain.OpenApiMerge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.smallrye.openapi.runtime.OpenApiConstants;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.openapi.runtime.io.Format;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

/**
 * One API description of the suite: the gateway's own endpoints (staff users, access log, these documents)
 * and the OpenAPI documents of every service merged into one (paths and schemas), and the AsyncAPI document
 * of the events.
 */
@Path("/api")
@PermitAll
public class ApiDescription {

    /** The gateway's part of the merged document: its own endpoints are served here, not by a service. */
    private static final String GATEWAY = "gateway";

    private static final Duration INCOMPLETE_KEPT = Duration.ofSeconds(5);

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Inject
    GatewayConfig config;

    @Inject
    ObjectMapper json;

    /** The gateway's own document, as its management port serves it at /q/openapi. */
    @Inject
    OpenApiDocumentService ownDocument;

    /** The merged document with the services it holds, and until when it is served as it is. */
    private record Merged(ObjectNode document, int parts, Instant fetched) {}

    private volatile Merged merged;

    @GET
    @Path("/openapi")
    @Produces("application/json")
    public JsonNode openApi(@Context UriInfo uri) {
        String base = uri.getBaseUri().toString();
        // A shallow copy per answer with its own server URL; the services' parts are shared, read-only.
        ObjectNode answer = JsonNodeFactory.instance.objectNode().setAll(merged().document());
        answer.putArray("servers")
                .addObject()
                .put("url", base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        return answer;
    }

    /**
     * Public and unauthenticated, so the services are asked at most once per {@code openapi-cache} (one caller
     * at a time), not once per call: a flood of anonymous calls cannot be multiplied onto five services. A
     * document that misses a service that was down is asked again after a few seconds.
     */
    private synchronized Merged merged() {
        Merged current = merged;
        Instant now = Instant.now();
        if (current != null) {
            Duration keep = current.parts() == config.services().size() + 1
                    ? config.openapiCache()
                    : min(config.openapiCache(), INCOMPLETE_KEPT);
            if (current.fetched().plus(keep).isAfter(now)) {
                return current;
            }
        }
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        JsonNode own = own();
        if (own != null) {
            documents.put(GATEWAY, own);
        }
        // Every instance of a service runs the same build: the first one that answers describes it.
        config.services()
                .forEach((service, urls) -> urls.stream()
                        .map(url -> fetch(url.resolve("/q/openapi?format=json")))
                        .filter(java.util.Objects::nonNull)
                        .findFirst()
                        .ifPresent(document -> documents.put(service, document)));
        merged = new Merged(OpenApiMerge.merge(documents, ""), documents.size(), now);
        return merged;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @GET
    @Path("/asyncapi.yaml")
    @Produces("application/yaml")
    public InputStream asyncApi() {
        InputStream document = ApiDescription.class.getResourceAsStream("/asyncapi.yaml");
        if (document == null) {
            throw new NotFoundException("The AsyncAPI document is missing.");
        }
        return document;
    }

    private JsonNode own() {
        try {
            return json.readTree(ownDocument.getDocument(OpenApiConstants.DEFAULT_DOCUMENT_NAME, Format.JSON));
        } catch (IOException e) {
            return null;
        }
    }

    /** A service that is down leaves its part out; the rest is still described. */
    private JsonNode fetch(URI uri) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? json.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
