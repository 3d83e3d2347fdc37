package org.gdprsuite.systemtest;

import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Health and metrics of every service, the gateway included, are on its management port only: the port users
 * (and the gateway) come through answers 404, so nothing of /q/* is reachable through the gateway. The merged
 * OpenAPI contract stays public on the gateway.
 */
class ManagementInterfaceTest extends SystemTest {

    @Test
    void healthAndMetricsAreServedOnTheManagementPortOnly() {
        for (String service : suite.serviceNames()) {
            for (String path : new String[] {"/q/metrics", "/q/health", "/q/health/ready", "/q/health/live"}) {
                given().baseUri(suite.url(service)).when().get(path).then().statusCode(404);
                given().baseUri(suite.managementUrl(service))
                        .when()
                        .get(path)
                        .then()
                        .statusCode(200);
            }
            given().baseUri(suite.managementUrl(service))
                    .when()
                    .get("/q/health/ready")
                    .then()
                    .body("status", equalTo("UP"));
            given().baseUri(suite.managementUrl(service))
                    .when()
                    .get("/q/metrics")
                    .then()
                    .body(containsString("jvm_memory_used_bytes"));
        }
    }

    @Test
    void theGatewaysPortServesNoManagementPathButTheMergedContract() {
        for (String path : new String[] {"/q/openapi", "/q/swagger-ui", "/q/dev-ui", "/q/info"}) {
            anonymous().when().get(path).then().statusCode(404);
        }
        anonymous()
                .when()
                .get("/api/openapi")
                .then()
                .statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/contacts/persons"));
    }
}
