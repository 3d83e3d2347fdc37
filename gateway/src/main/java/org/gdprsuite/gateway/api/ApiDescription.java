package org.gdprsuite.gateway.api;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.gdprsuite.gateway.config.GatewayConfig;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;

/**
 * One API description of the suite: the OpenAPI documents of every service merged into one (paths and
 * schemas), and the AsyncAPI document of the events. Swagger UI shows the merged one.
 */
@Path("/api")
@PermitAll
public class ApiDescription {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Inject
    GatewayConfig config;

    @Inject
    ObjectMapper json;

    @GET
    @Path("/openapi")
    @Produces("application/json")
    public JsonNode openApi() {
        ObjectNode merged = json.createObjectNode();
        merged.put("openapi", "3.1.0");
        merged.putObject("info").put("title", "GDPR Suite API").put("version", "0.1.0")
                .put("description", "All services behind the gateway. Events: /api/asyncapi.yaml");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode schemas = merged.putObject("components").putObject("schemas");
        config.services().forEach((service, url) -> {
            JsonNode doc = fetch(url.resolve("/q/openapi?format=json"));
            if (doc != null) {
                doc.path("paths").fields().forEachRemaining(p -> paths.set(p.getKey(), p.getValue()));
                doc.path("components").path("schemas").fields().forEachRemaining(s -> schemas.set(s.getKey(), s.getValue()));
            }
        });
        return merged;
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
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
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
