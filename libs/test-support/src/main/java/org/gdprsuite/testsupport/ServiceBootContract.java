package org.gdprsuite.testsupport;

import java.net.URL;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

/**
 * What every service proves about itself: it boots against the real stack, migrates its database,
 * reports ready only with its database and Kafka, exposes metrics and OpenAPI, and lets in a real
 * Keycloak token of an allowed role only. A service's boot test extends this and names one of its
 * protected endpoints.
 */
public abstract class ServiceBootContract {

    private final String protectedPath;
    private final DemoUser allowedUser;
    private final Supplier<String> deniedToken;

    /**
     * @param protectedPath a GET endpoint backed by the service's first migration
     * @param allowedUser a demo user whose role may call it
     * @param deniedToken a real token of a caller whose roles do not allow it
     */
    protected ServiceBootContract(String protectedPath, DemoUser allowedUser, Supplier<String> deniedToken) {
        this.protectedPath = protectedPath;
        this.allowedUser = allowedUser;
        this.deniedToken = deniedToken;
    }

    /** Health and metrics are served on the management port only, not on the port the gateway calls. */
    @TestHTTPResource(value = "/", management = true)
    URL management;

    private RequestSpecification managementPort() {
        return given().port(management.getPort());
    }

    /**
     * A service's OpenAPI document stays on its own port, where the gateway merges it; the gateway's own is on
     * its management port (the gateway's port is the users').
     */
    protected boolean openApiOnManagementPort() {
        return false;
    }

    @Test
    void readyOnlyWithDatabaseAndKafka() {
        managementPort()
                .when()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItems("Database connections health check", "Kafka connection health check"));
    }

    @Test
    void alive() {
        managementPort().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void exposesMetricsAndOpenApi() {
        managementPort()
                .when()
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("gdpr_outbox_pending")); // the event backbone runs in every service
        (openApiOnManagementPort() ? managementPort() : given())
                .when()
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .body(containsString(protectedPath));
        given().when().get("/q/metrics").then().statusCode(404);
        given().when().get("/q/health/ready").then().statusCode(404);
    }

    @Test
    void refusesACallWithoutTokenWithAProblem() {
        given().when()
                .get(protectedPath)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer"))
                .contentType("application/problem+json")
                .body("status", equalTo(401));
    }

    @Test
    void refusesAForgedToken() {
        String token = Tokens.of(allowedUser);
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJlLWZyb20tYW5vdGhlci1rZXk";
        given().auth().oauth2(forged).when().get(protectedPath).then().statusCode(401);
    }

    @Test
    void servesAnAllowedRoleWithARealToken() {
        given().auth()
                .oauth2(Tokens.of(allowedUser))
                .when()
                .get(protectedPath)
                .then()
                .statusCode(200)
                .contentType("application/json");
    }

    @Test
    void refusesARoleWithoutTheRight() {
        given().auth()
                .oauth2(deniedToken.get())
                .when()
                .get(protectedPath)
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
    }
}
