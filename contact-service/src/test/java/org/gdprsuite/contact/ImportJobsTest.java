package org.gdprsuite.contact;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.contact.domain.CsvImport;
import org.gdprsuite.contact.domain.CsvRows;
import org.gdprsuite.contact.domain.JobRunner;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV imports and large bulk updates as jobs, against the real stack. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class ImportJobsTest {

    @Inject
    JobRunner runner;

    @Inject
    CsvImport csvImport;

    @Test
    void aTwentyThousandRowImportIsAJobWithProgressAndARetryWithItsKeyCreatesNothing() {
        String tag = "imp" + UUID.randomUUID().toString().substring(0, 8);
        String csv = persons(tag, 20_000);
        String key = "key-" + tag;
        long started = System.nanoTime();
        Response queued = upload(csv, key, Map.of());
        queued.then().statusCode(202).body("state", equalTo("QUEUED")).body("progress.total", equalTo(20_000));
        String location = queued.header("Location");
        assertTrue(location.contains("/api/contacts/imports/" + queued.path("id")), location);
        long answered = (System.nanoTime() - started) / 1_000_000;
        assertTrue(answered < 10_000, "the upload is answered at once, not after the import: " + answered + " ms");

        boolean sawProgress = false;
        JsonPath job;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        do {
            job = job(location);
            int done = job.getInt("progress.done");
            sawProgress |= done > 0 && done < 20_000;
            assertTrue(System.nanoTime() < deadline, "the import finishes: " + job.prettify());
            sleep(500);
        } while (!"COMPLETED".equals(job.getString("state")));
        System.out.printf("20,000-row import job: %d ms%n", (System.nanoTime() - started) / 1_000_000);
        assertTrue(sawProgress, "progress between 0 and the total was shown");
        assertEquals(20_000, job.getInt("progress.done"));
        assertEquals(20_000, job.getInt("progress.created"));
        assertEquals(0, job.getInt("progress.failed"));
        assertEquals(20_000, persons(tag));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .queryParam("outcome", "CREATED")
                .queryParam("size", 1)
                .when()
                .get(location + "/rows")
                .then()
                .statusCode(200)
                .body("total", equalTo(20_000))
                .body("items[0].row", equalTo(1))
                .body("items[0].line", equalTo(2));

        // A retry (say after a gateway time-out) with the same key: the first job, nothing new.
        upload(csv, key, Map.of())
                .then()
                .statusCode(200)
                .header("Location", location)
                .body("state", equalTo("COMPLETED"));
        sleep(1500); // a job it had queued by mistake would have started by now
        assertEquals(20_000, persons(tag));
        // The same key with another upload is refused.
        upload("firstName,lastName\nOther," + tag + "\n", key, Map.of())
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://gdpr-suite.org/problems/idempotency-key-reused"));
    }

    @Test
    void allOrNothingWithOneBadRowCommitsNothingAndReportsTheRow() {
        String tag = "aon" + UUID.randomUUID().toString().substring(0, 8);
        String csv = "firstName,lastName,email\n"
                + "Ann," + tag + "," + tag + ".ann@example.org\n"
                + "Bad," + tag + ",not-an-email\n"
                + "Cid," + tag + "," + tag + ".cid@example.org\n";
        String location = upload(csv, null, Map.of("mode", "all-or-nothing"))
                .then()
                .statusCode(202)
                .extract()
                .header("Location");
        JsonPath job = awaitOver(location);
        assertEquals("REJECTED", job.getString("state"));
        assertEquals(1, job.getInt("progress.failed"));
        assertEquals(0, job.getInt("progress.created"));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .when()
                .get(location + "/rows")
                .then()
                .body("total", equalTo(1))
                .body("items[0].row", equalTo(2))
                .body("items[0].line", equalTo(3))
                .body("items[0].outcome", equalTo("FAILED"))
                .body("items[0].reason", containsString("email"))
                .body("items[0].reason", org.hamcrest.Matchers.not(containsString("not-an-email")));
        assertEquals(0, persons(tag));

        // Per row (the default), the good rows are imported and the bad one reported.
        JsonPath perRow = awaitOver(
                upload(csv, null, Map.of()).then().statusCode(202).extract().header("Location"));
        assertEquals("COMPLETED", perRow.getString("state"));
        assertEquals(2, perRow.getInt("progress.created"));
        assertEquals(1, perRow.getInt("progress.failed"));
        assertEquals(2, persons(tag));
    }

    @Test
    void duplicatesOfExistingPersonsAreSkippedOrMergedAsAsked() {
        String tag = "dup" + UUID.randomUUID().toString().substring(0, 8);
        String known = PersonsTest.create(
                DemoUser.SALES, Map.of("firstName", "Known", "lastName", tag, "email", tag + ".known@example.org"));
        String csv = "firstName,lastName,email,jobTitle\n"
                + "Known," + tag + "," + tag.toUpperCase() + ".KNOWN@example.org,Buyer\n"
                + "New," + tag + "," + tag + ".new@example.org,Clerk\n"
                + "Again," + tag + "," + tag + ".new@example.org,Clerk\n";
        JsonPath skipped = awaitOver(upload(csv, null, Map.of("duplicates", "skip"))
                .then()
                .statusCode(202)
                .extract()
                .header("Location"));
        assertEquals(1, skipped.getInt("progress.created"));
        assertEquals(2, skipped.getInt("progress.skipped"));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .queryParam("outcome", "SKIPPED")
                .when()
                .get("/api/contacts/imports/" + skipped.getString("id") + "/rows")
                .then()
                .body("items.row", equalTo(List.of(1, 3)))
                .body("items[0].personId", equalTo(known))
                .body("items[0].reason", containsString("duplicate"));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .when()
                .get("/api/contacts/persons/" + known)
                .then()
                .body("jobTitle", org.hamcrest.Matchers.nullValue());

        JsonPath merged = awaitOver(upload(csv, null, Map.of("duplicates", "merge"))
                .then()
                .statusCode(202)
                .extract()
                .header("Location"));
        assertEquals("COMPLETED", merged.getString("state"));
        assertEquals(0, merged.getInt("progress.created"));
        assertEquals(3, merged.getInt("progress.merged"));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .when()
                .get("/api/contacts/persons/" + known)
                .then()
                .body("jobTitle", equalTo("Buyer"))
                .body("firstName", equalTo("Known"));
        assertEquals(2, persons(tag));
    }

    @Test
    void aJobInterruptedAfterAChunkResumesWithoutDuplicatingPersons() {
        String tag = "res" + UUID.randomUUID().toString().substring(0, 8);
        String csv = persons(tag, 1_200);
        runner.stop();
        String location;
        try {
            location =
                    upload(csv, null, Map.of()).then().statusCode(202).extract().header("Location");
            UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
            // One chunk committed, then the service "dies": nothing of its memory survives, only the database.
            List<CsvRows.Row> rows = csvImport.start(id);
            assertTrue(csvImport.chunk(id, rows, 500).more());
            JsonPath halfway = job(location);
            assertEquals("RUNNING", halfway.getString("state"));
            assertEquals(500, halfway.getInt("progress.done"));
            assertEquals(500, persons(tag));
        } finally {
            runner.start();
        }
        JsonPath job = awaitOver(location);
        assertEquals("COMPLETED", job.getString("state"));
        assertEquals(1_200, job.getInt("progress.created"));
        assertEquals(1_200, persons(tag));
    }

    @Test
    void tooManyRowsAreRefusedAsTooLargeAndNothingIsQueued() {
        String csv = "firstName\n" + "A\n".repeat(CsvRows.MAX_ROWS + 1);
        upload(csv, null, Map.of()).then().statusCode(413).contentType("application/problem+json");
        // A header naming no person field is refused at once, as before.
        upload("firstName,shoeSize\nAnn,42\n", null, Map.of())
                .then()
                .statusCode(422)
                .body("violations[0].field", equalTo("line 1 shoeSize"));
    }

    @Test
    void aBulkUpdateOverTheThresholdBecomesAJob() {
        String owner = "bulkjob-" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder csv = new StringBuilder("firstName,lastName,owner\n");
        for (int i = 0; i < 15; i++) {
            csv.append("B")
                    .append(i)
                    .append(',')
                    .append(owner)
                    .append(',')
                    .append(owner)
                    .append('\n');
        }
        awaitOver(upload(csv.toString(), null, Map.of())
                .then()
                .statusCode(202)
                .extract()
                .header("Location"));
        Response answer = given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .contentType(ContentType.JSON)
                .body(Map.of("filter", Map.of("owner", owner), "set", Map.of("category", "partner")))
                .when()
                .post("/api/contacts/bulk-updates");
        answer.then().statusCode(202).body("matched", equalTo(15));
        String location = answer.header("Location");
        assertTrue(location.contains("/api/contacts/bulk-updates/" + answer.path("id")), location);
        JsonPath job = awaitOver(location);
        assertEquals("COMPLETED", job.getString("state"));
        assertEquals(15, job.getInt("done"));
        assertEquals(15, job.getInt("updated"));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .queryParam("q", owner)
                .queryParam("size", 50)
                .when()
                .get("/api/contacts/persons")
                .then()
                .body("items.category.unique()", equalTo(List.of("PARTNER")));
    }

    /** A CSV of {@code n} new customers, each with {@code tag} as last name and in a unique address. */
    static String persons(String tag, int n) {
        StringBuilder csv = new StringBuilder("firstName,lastName,email,category\n");
        for (int i = 0; i < n; i++) {
            csv.append("P")
                    .append(i)
                    .append(',')
                    .append(tag)
                    .append(',')
                    .append(tag)
                    .append('.')
                    .append(i);
            csv.append("@example.org,customer\n");
        }
        return csv.toString();
    }

    private static Response upload(String csv, String key, Map<String, String> options) {
        var request = given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .contentType("text/csv")
                .queryParam("source", "legacy-crm")
                .queryParams(options)
                .body(csv);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.when().post("/api/contacts/imports");
    }

    static JsonPath job(String location) {
        return given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .when()
                .get(location)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** The job's view once it is over (at most two minutes). */
    static JsonPath awaitOver(String location) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            JsonPath job = job(location);
            if (!List.of("QUEUED", "RUNNING").contains(job.getString("state"))) {
                return job;
            }
            assertTrue(System.nanoTime() < deadline, "the job ends: " + job.prettify());
            sleep(200);
        }
    }

    private static int persons(String lastName) {
        return given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .queryParam("q", lastName)
                .queryParam("size", 1)
                .when()
                .get("/api/contacts/persons")
                .then()
                .statusCode(200)
                .extract()
                .path("total");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
