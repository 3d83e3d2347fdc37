package org.gdprsuite.gateway.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.gdprsuite.gateway.config.GatewayConfig;
import org.gdprsuite.gateway.domain.OpenApiMerge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

/**
 * One API description of the suite: the OpenAPI documents of every service merged into one (paths and
 * schemas), and the AsyncAPI document of the events. Swagger UI shows the merged one.
 */
@Path("/api")
@PermitAll
public class ApiDescription {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Inject
    GatewayConfig config;

    @Inject
    ObjectMapper json;

    @GET
    @Path("/openapi")
    @Produces("application/json")
    public JsonNode openApi(@Context UriInfo uri) {
        Map<String, JsonNode> documents = new LinkedHashMap<>();
        config.services().forEach((service, url) -> {
            JsonNode document = fetch(url.resolve("/q/openapi?format=json"));
            if (document != null) {
                documents.put(service, document);
            }
        });
        String base = uri.getBaseUri().toString();
        return OpenApiMerge.merge(documents, base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
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
