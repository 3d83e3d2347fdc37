package org.gdprsuite.contact;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.ServiceProcess;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.TestTopics;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * contact-service is killed (-9) in the middle of an import job and started again: the job resumes after its last
 * committed chunk and finishes with every row written exactly once (no person twice, no row's outcome twice). Runs
 * the built jar as a process of its own, so it is an integration test (after package).
 */
class ImportJobCrashIT {

    private static final int ROWS = 4_000;
    private static final Duration AT_MOST = Duration.ofMinutes(3);

    private TestTopics topics;
    private ServiceProcess contacts;

    @BeforeEach
    void stack() {
        SuiteStack.ensureRunning();
        topics = TestTopics.create();
    }

    @AfterEach
    void stop() {
        if (contacts != null) {
            contacts.kill();
        }
        topics.delete();
    }

    @Test
    void aKilledServiceResumesItsImportJobAndWritesEveryRowOnce() {
        contacts = ServiceProcess.start(
                "contact-service",
                ServiceProcess.freePort(),
                Map.of(
                        "quarkus.profile",
                        "test",
                        TestTopics.PREFIX_PROPERTY,
                        topics.prefix(),
                        // Small chunks, so that the kill falls between the first chunk and the last.
                        "gdpr.contact.import-chunk-size",
                        "50",
                        "gdpr.contact.jobs-check-every",
                        "200ms"));
        String tag = "crash" + Long.toHexString(System.nanoTime());
        String location = api().contentType("text/csv")
                .queryParam("source", "legacy-crm")
                .body(ImportJobsTest.persons(tag, ROWS))
                .when()
                .post("/api/contacts/imports")
                .then()
                .statusCode(202)
                .extract()
                .header("Location");
        String path = location.substring(location.indexOf("/api/"));

        JsonPath midway = await(path, job -> job.getInt("progress.done") >= 100, "two chunks committed");
        contacts.kill();
        assertEquals("RUNNING", midway.getString("state"), "killed in the middle of the job");
        assertTrue(midway.getInt("progress.done") < ROWS, "killed before the last chunk: " + midway.prettify());

        // The test profile cleans the database at start; a restart after a crash must find it as it was left.
        contacts.restart(Map.of("quarkus.flyway.clean-at-start", "false"));
        JsonPath done =
                await(path, job -> !List.of("QUEUED", "RUNNING").contains(job.getString("state")), "the job is over");
        assertEquals("COMPLETED", done.getString("state"), done.prettify());
        assertEquals(ROWS, done.getInt("progress.done"));
        assertEquals(ROWS, done.getInt("progress.created"), "a row written twice would be a duplicate, not created");
        assertEquals(0, done.getInt("progress.skipped"));
        assertEquals(0, done.getInt("progress.merged"));
        assertEquals(0, done.getInt("progress.failed"));
        assertEquals(ROWS, total(api().queryParam("q", tag).when().get("/api/contacts/persons")), "persons");
        assertEquals(ROWS, total(api().when().get(path + "/rows")), "one outcome per row");
    }

    private RequestSpecification api() {
        return given().port(contacts.port()).auth().oauth2(Tokens.of(DemoUser.SALES));
    }

    private static int total(io.restassured.response.Response page) {
        return page.then().statusCode(200).extract().path("total");
    }

    /** The job's view once {@code reached}, polled every 50 ms for at most three minutes. */
    private JsonPath await(String path, Predicate<JsonPath> reached, String what) {
        long deadline = System.nanoTime() + AT_MOST.toNanos();
        while (true) {
            JsonPath job =
                    api().when().get(path).then().statusCode(200).extract().jsonPath();
            if (reached.test(job)) {
                return job;
            }
            assertTrue(System.nanoTime() < deadline, "not reached in " + AT_MOST + ": " + what + "; " + job.prettify());
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
