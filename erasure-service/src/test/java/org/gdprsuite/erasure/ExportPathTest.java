package org.gdprsuite.erasure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.gdprsuite.erasure.Requests.audit;
import static org.gdprsuite.erasure.Requests.post;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 21's export path: a staff-created export goes only to the address on file (or the DPO hands it over),
 * opening the download link spends nothing, the file comes once on a post, and personal data is not cached.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class ExportPathTest {

    private static final String NO_STORE = "no-store";

    @Test
    void aStaffExportGoesOnlyToAnAddressOnFileForThePersonsItNames() {
        String onFile = "on.file." + UUID.randomUUID() + "@example.org";
        UUID person = UUID.randomUUID();
        TestBeans.KnownSubjects.BY_EMAIL.put(onFile, List.of(person));
        UUID other = UUID.randomUUID();

        refused(Map.of("type", "ACCESS", "email", "typed." + UUID.randomUUID() + "@example.org"));
        refused(Map.of("type", "PORTABILITY", "email", onFile.toUpperCase(), "personIds", List.of(other)));
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .queryParam("personId", other)
                .when()
                .get("/api/requests")
                .then()
                .statusCode(200)
                .header("Cache-Control", NO_STORE)
                .body("total", equalTo(0));

        post(DemoUser.SUPPORT, Map.of("type", "PORTABILITY", "email", onFile.toUpperCase()))
                .then()
                .statusCode(201)
                .header("Cache-Control", NO_STORE)
                .body("email", equalTo(onFile));
        post(DemoUser.SUPPORT, Map.of("type", "ACCESS", "email", onFile, "personIds", List.of(person)))
                .then()
                .statusCode(201);
        // Only exports are bound to the address on file: an erasure by a typed address is taken as before.
        post(DemoUser.SUPPORT, Map.of("type", "ERASURE", "email", "typed." + UUID.randomUUID() + "@example.org"))
                .then()
                .statusCode(201);
    }

    @Test
    void theDpoHandsAnExportOverOnceAndItsLinkIsSpentWithIt() {
        UUID id = ReadyExports.ready();
        given().auth()
                .oauth2(Tokens.of(DemoUser.SUPPORT))
                .when()
                .post("/api/requests/" + id + "/export/handover")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .post("/api/requests/" + id + "/export/handover")
                .then()
                .statusCode(200)
                .header("Cache-Control", NO_STORE)
                .header("Content-Disposition", containsString("attachment"))
                .body("slices.alpha-service.name", equalTo("Ada Lovelace"));
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .post("/api/requests/" + id + "/export/handover")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/export-already-downloaded"));
        given().queryParam("token", ReadyExports.token(id))
                .when()
                .get("/public/requests/download")
                .then()
                .statusCode(410);
        assertEquals(1, audit(id).stream().filter("export handed over"::equals).count());
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .post("/api/requests/" + UUID.randomUUID() + "/export/handover")
                .then()
                .statusCode(404)
                .body("type", endsWith("/export-not-found"));
    }

    @Test
    void openingTheLinkSpendsNothingAndThePostBringsTheFileOnce() {
        UUID id = ReadyExports.ready();
        String token = ReadyExports.token(id);
        for (int i = 0; i < 3; i++) {
            given().queryParam("token", token)
                    .when()
                    .get("/public/requests/download")
                    .then()
                    .statusCode(200)
                    .contentType(ContentType.HTML)
                    .header("Cache-Control", NO_STORE)
                    .body(containsString("method=\"post\""));
        }
        download(token)
                .then()
                .statusCode(200)
                .header("Cache-Control", NO_STORE)
                .header("Content-Disposition", equalTo("attachment; filename=\"my-data.json\""))
                .body("slices.alpha-service.name", equalTo("Ada Lovelace"));
        download(token)
                .then()
                .statusCode(410)
                .contentType("application/problem+json")
                .body("type", endsWith("/export-already-downloaded"));
        given().accept(ContentType.HTML)
                .formParam("token", token)
                .when()
                .post("/public/requests/download")
                .then()
                .statusCode(410)
                .contentType(ContentType.HTML)
                .body(containsString("Already downloaded"));
        given().formParam("token", token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA"))
                .when()
                .post("/public/requests/download")
                .then()
                .statusCode(403);
    }

    @Test
    void ofTwoConcurrentPostsExactlyOneGetsTheFile() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                UUID id = ReadyExports.ready();
                String token = ReadyExports.token(id);
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<Response>> posts = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    posts.add(pool.submit(() -> {
                        start.await(10, TimeUnit.SECONDS);
                        return download(token);
                    }));
                }
                List<Integer> statuses = new ArrayList<>();
                for (Future<Response> post : posts) {
                    statuses.add(post.get(30, TimeUnit.SECONDS).statusCode());
                }
                statuses.sort(null);
                assertEquals(List.of(200, 410), statuses, "round " + round);
                assertEquals(
                        1,
                        audit(id).stream().filter("export downloaded"::equals).count());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Response download(String token) {
        return given().accept(ContentType.JSON)
                .formParam("token", token)
                .formParam("format", "json")
                .when()
                .post("/public/requests/download");
    }

    private static void refused(Map<String, Object> body) {
        post(DemoUser.SUPPORT, body)
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://gdpr-suite.org/problems/address-not-on-file"));
    }
}
