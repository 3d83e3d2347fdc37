package org.gdprsuite.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The gateway in front of the real contact-service and incident-service, with real Keycloak tokens. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
@WithTestResource(BackendServices.class)
class GatewayRoutingTest {

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void routesToTheOwningServiceWithTheTokenAndRoleRules() {
        String id = given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "firstName",
                        "Grace",
                        "lastName",
                        "Hopper",
                        "email",
                        "grace." + UUID.randomUUID() + "@example.org"))
                .when()
                .post("/api/contacts/persons")
                .then()
                .statusCode(201)
                .header("ETag", notNullValue())
                .extract()
                .path("id");
        given().auth()
                .oauth2(Tokens.of(DemoUser.MARKETING))
                .when()
                .get("/api/contacts/persons/" + id)
                .then()
                .statusCode(200)
                .body("firstName", equalTo("Grace"));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SUPPORT))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "title", "Lost laptop", "nature", List.of("CONFIDENTIALITY"), "description", "Left on a train"))
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .body("reference", containsString("INC-"));

        given().when()
                .get("/api/contacts/persons/" + id)
                .then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.integration())
                .when()
                .get("/api/contacts/persons")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        String token = Tokens.of(DemoUser.SALES);
        String forged = token.substring(0, token.lastIndexOf('.') + 1) + "c2lnbmF0dXJlLWZyb20tYW5vdGhlci1rZXk";
        given().auth()
                .oauth2(forged)
                .when()
                .get("/api/contacts/persons")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
        // The gateway's rule lets finance into incidents (to report); the service's own rule keeps the register for the
        // DPO.
        given().auth()
                .oauth2(Tokens.of(DemoUser.FINANCE))
                .when()
                .get("/api/incidents")
                .then()
                .statusCode(403);
    }

    @Test
    void publicPagesAreOpenWithoutAToken() {
        given().when()
                .get("/public/incidents/report")
                .then()
                .statusCode(200)
                .contentType(ContentType.HTML)
                .body(containsString("Report a personal-data breach"))
                .header("X-Content-Type-Options", "nosniff")
                .header("X-Frame-Options", "DENY");
    }

    @Test
    void aServiceThatIsDownOrSilentIsAProblemAnsweredFast() {
        long started = System.nanoTime();
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .when()
                .get("/api/consents/purposes")
                .then()
                .statusCode(503)
                .contentType("application/problem+json")
                .body("status", equalTo(503));
        assertTrue((System.nanoTime() - started) / 1_000_000 < 3_000, "a refused connection is answered at once");
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .get("/api/requests")
                .then()
                .statusCode(504)
                .contentType("application/problem+json")
                .body("title", equalTo("Gateway Timeout"))
                .time(lessThan(10_000L));
    }

    @Test
    void everyErrorOfTheGatewayIsAProblem() throws IOException {
        given().header("X-Request-Id", "lost-42")
                .when()
                .get("/nowhere")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("instance", equalTo("urn:gdpr-suite:request:lost-42"));
        given().when().get("/api/nowhere").then().statusCode(404).contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .when()
                .get("/api/contacts/no-such-collection")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .when()
                .get("/api/subscriptions/lists")
                .then()
                .statusCode(502)
                .contentType("application/problem+json")
                .body("title", equalTo("Bad Gateway"));

        // A body declared over the size limit is refused before it is read, as a problem, and the connection closed.
        String answer = raw("POST /api/contacts/persons HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json"
                + "\r\nContent-Length: 20000000\r\n\r\n{");
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.toLowerCase().contains("content-type: application/problem+json"), answer);
        assertTrue(answer.contains("\"status\":413"), answer);
    }

    @Test
    void theRequestIdTravelsThereAndBackAndIsMadeWhenMissing() {
        given().header("X-Request-Id", "trace-me-42")
                .when()
                .get("/public/incidents/report")
                .then()
                .header("X-Request-Id", "trace-me-42");
        String made =
                given().when().get("/public/incidents/report").then().extract().header("X-Request-Id");
        assertEquals(36, made.length());
    }

    @Test
    void aReadOfAPersonIsInTheAccessLogForTheDpoOnly() {
        String id = given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .contentType(ContentType.JSON)
                .body(Map.of("firstName", "Logged"))
                .when()
                .post("/api/contacts/persons")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        given().auth()
                .oauth2(Tokens.of(DemoUser.FINANCE))
                .header("X-Request-Id", "read-" + id)
                .when()
                .get("/api/contacts/persons/" + id)
                .then()
                .statusCode(200);

        List<Map<String, Object>> entries = awaitEntries(id);
        Map<String, Object> read = entries.stream()
                .filter(e -> "GET".equals(e.get("method")))
                .findFirst()
                .orElseThrow();
        assertEquals("finance", read.get("principal"));
        assertEquals("suite-cli", read.get("clientId"));
        assertEquals(200, read.get("status"));
        assertEquals("read-" + id, read.get("requestId"));
        given().auth()
                .oauth2(Tokens.of(DemoUser.ADMIN))
                .when()
                .get("/api/access-log")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .queryParam("from", "yesterday")
                .when()
                .get("/api/access-log")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void everyReadOfABurstIsInTheAccessLog() throws Exception {
        String id = given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .contentType(ContentType.JSON)
                .body(Map.of("firstName", "Burst"))
                .when()
                .post("/api/contacts/persons")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String token = Tokens.of(DemoUser.SUPPORT);
        int reads = 300;
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> answers = IntStream.range(0, reads)
                    .mapToObj(i -> callers.submit(() -> given().auth()
                            .oauth2(token)
                            .header("X-Request-Id", "burst-" + i + "-" + id)
                            .when()
                            .get("/api/contacts/persons/" + id)
                            .then()
                            .extract()
                            .statusCode()))
                    .toList();
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get());
            }
        } finally {
            callers.shutdown();
        }
        Set<String> expected =
                IntStream.range(0, reads).mapToObj(i -> "burst-" + i + "-" + id).collect(Collectors.toSet());
        Set<String> logged = Set.of();
        for (int i = 0; i < 100 && !logged.containsAll(expected); i++) {
            logged = given()
                    .auth()
                    .oauth2(Tokens.of(DemoUser.DPO))
                    .queryParam("personId", id)
                    .queryParam("size", 1000)
                    .when()
                    .get("/api/access-log")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .<String>getList("items.requestId")
                    .stream()
                    .filter(r -> r != null && r.startsWith("burst-"))
                    .collect(Collectors.toSet());
            Thread.sleep(100);
        }
        assertEquals(expected, logged);
    }

    /**
     * Each service's operations report is routed to that service by its name in the path; the gateway answers its own;
     * a service that is down is a problem the console shows as unavailable.
     */
    @Test
    void theOperationsReportsOfTheServicesAndOfTheGatewayAreForTheDpoAndAdmins() {
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .get("/api/operations/incident-service")
                .then()
                .statusCode(200)
                .body("service", equalTo("incident-service"))
                .body("outbox.pending", notNullValue())
                .body("deadLetters.topics.topic", equalTo(List.of("dsr.commands.dlq")))
                .body("deadLetters.topics[0].waiting", notNullValue());
        given().auth()
                .oauth2(Tokens.of(DemoUser.ADMIN))
                .when()
                .get("/api/operations/gateway")
                .then()
                .statusCode(200)
                .body("service", equalTo("gateway"))
                .body("deadLetters.topics.topic", equalTo(List.of("dsr.commands.dlq")));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .when()
                .get("/api/operations/incident-service")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .when()
                .get("/api/operations/gateway")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().when().get("/api/operations/incident-service").then().statusCode(401);
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .get("/api/operations/consent-service")
                .then()
                .statusCode(503)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .get("/api/operations/no-such-service")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void corsPreflightIsAnsweredForConfiguredOrigins() {
        given().header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "Authorization")
                .when()
                .options("/api/contacts/persons")
                .then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", "http://localhost:3000");
    }

    @Test
    void theOneApiDescriptionMergesTheServicesAndLinksTheEvents() {
        given().when()
                .get("/api/openapi")
                .then()
                .statusCode(200)
                .body("paths.keySet()", hasItem("/api/contacts/persons"))
                .body("paths.keySet()", hasItem("/api/incidents"))
                // The gateway's own endpoints are part of the one description.
                .body("paths.keySet()", hasItem("/api/staff"))
                .body("paths.keySet()", hasItem("/api/staff/me"))
                .body("paths.keySet()", hasItem("/api/staff/{id}/termination"))
                .body("paths.keySet()", hasItem("/api/access-log"))
                // Every service's operations report at its own path, the gateway's too.
                .body("paths.keySet()", hasItem("/api/operations/contact-service"))
                .body("paths.keySet()", hasItem("/api/operations/incident-service"))
                .body("paths.keySet()", hasItem("/api/operations/gateway"))
                .body(
                        "paths.'/api/staff'.post.requestBody.content.'application/json'.schema.'$ref'",
                        equalTo("#/components/schemas/NewStaffUserBody"))
                .body("components.schemas.keySet()", hasItem("StaffView"));
        given().when().get("/api/asyncapi.yaml").then().statusCode(200).body(containsString("asyncapi: 3.0.0"));
    }

    /** Sends {@code request} as it is and reads the answer until the gateway closes the connection (at most 10 s). */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                answer.write(buffer, 0, read);
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static List<Map<String, Object>> awaitEntries(String personId) {
        for (int i = 0; i < 50; i++) {
            List<Map<String, Object>> entries = given().auth()
                    .oauth2(Tokens.of(DemoUser.DPO))
                    .queryParam("personId", personId)
                    .when()
                    .get("/api/access-log")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("items");
            if (entries.stream().anyMatch(e -> "GET".equals(e.get("method")))) {
                return entries;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("no access-log entry for the read");
    }
}
