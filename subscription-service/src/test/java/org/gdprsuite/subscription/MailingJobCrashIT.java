package org.gdprsuite.subscription;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
import org.gdprsuite.subscription.ReadModelRows.Person;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.ServiceProcess;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.TestTopics;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * subscription-service is killed (-9) in the middle of a marketing mailing and started again: the job completes,
 * every recipient is SENT or, for the claims the crash left without an outcome, UNKNOWN (in doubt, never resent),
 * and GreenMail holds exactly one mail for every SENT recipient and none twice for anybody. Runs the built jar as a
 * process of its own, so it is an integration test (after package).
 */
class MailingJobCrashIT {

    private static final int PERSONS = 3_000;
    private static final Duration AT_MOST = Duration.ofMinutes(4);

    private TestTopics topics;
    private ServiceProcess subscriptions;

    @BeforeEach
    void stack() {
        SuiteStack.ensureRunning();
        topics = TestTopics.create();
    }

    @AfterEach
    void stop() {
        if (subscriptions != null) {
            subscriptions.kill();
        }
        topics.delete();
    }

    @Test
    void aKilledServiceFinishesItsMailingAndMailsNobodyTwice() {
        subscriptions = ServiceProcess.start(
                "subscription-service",
                ServiceProcess.freePort(),
                Map.of(
                        "quarkus.profile",
                        "test",
                        TestTopics.PREFIX_PROPERTY,
                        topics.prefix(),
                        // Slow enough that the kill falls between the first mail and the last.
                        "gdpr.subscription.mailing.rate-per-second",
                        "400"));
        // Seeded after the start: the test profile cleans the database when the service starts.
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String type = "crash-" + suffix;
        String purpose = "crash-purpose-" + suffix;
        String subject = "crash " + suffix;
        api().contentType(ContentType.JSON)
                .body(Map.of("name", "Type " + type, "description", "About " + type, "purposeKey", purpose))
                .put("/api/subscriptions/types/" + type)
                .then()
                .statusCode(200);
        ReadModelRows rows = new ReadModelRows(testDatabase());
        List<Person> eligible = rows.persons("T" + suffix, PERSONS, "crash", false);
        List<Person> notConsented = rows.persons("T" + suffix, 20, "crash-nc", false);
        rows.consent(eligible, purpose, true, "");
        rows.subscribe(eligible, type, true);
        rows.subscribe(notConsented, type, true);

        String location = api().contentType(ContentType.JSON)
                .body(Map.of("kind", "MARKETING", "typeKey", type, "subject", subject, "text", "News"))
                .post("/api/subscriptions/mailings")
                .then()
                .statusCode(202)
                .extract()
                .header("Location");
        String path = location.substring(location.indexOf("/api/"));

        JsonPath midway = await(path, job -> job.getInt("totals.SENT") >= 200, "200 mails sent");
        subscriptions.kill();
        assertEquals("RUNNING", midway.getString("state"), "killed in the middle of the job");
        assertTrue(midway.getInt("totals.SENT") < PERSONS, "killed before the last mail: " + midway.prettify());

        // The test profile cleans the database at start; a restart after a crash must find it as it was left. The
        // claims the crash left are in doubt once older than a mail takes (5 min by default, shortened here).
        subscriptions.restart(
                Map.of("quarkus.flyway.clean-at-start", "false", "gdpr.subscription.mailing.in-doubt-after", "PT15S"));
        JsonPath done = await(path, job -> job.getString("state").equals("COMPLETED"), "the job is over");
        int sent = done.getInt("totals.SENT");
        int inDoubt = done.getInt("totals.UNKNOWN");
        assertEquals(PERSONS, done.getInt("totals.PLANNED"), done.prettify());
        assertEquals(PERSONS, sent + inDoubt, "every recipient sent or in doubt: " + done.prettify());
        assertEquals(0, done.getInt("totals.FAILED"), done.prettify());
        assertEquals(0, done.getInt("totals.SKIPPED"), done.prettify());

        Set<UUID> unknown = new HashSet<>(api()
                .queryParam("state", "UNKNOWN")
                .queryParam("size", 1000)
                .get(path + "/recipients")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.personId", String.class)
                .stream()
                .map(UUID::fromString)
                .toList());
        assertEquals(inDoubt, unknown.size());
        Map<Person, Integer> mails = MailCounts.of(eligible, subject);
        mails.forEach((person, count) -> {
            if (unknown.contains(person.id())) {
                assertTrue(count <= 1, "in doubt, mailed at most once: " + person.id() + " got " + count);
            } else {
                assertEquals(1, count, "SENT, mailed exactly once: " + person.id());
            }
        });
        MailCounts.of(notConsented, subject)
                .forEach((person, count) -> assertEquals(0, count, "not consented: " + person.id()));
    }

    /** subscription-service's test database, as the test profile's datasource reaches it. */
    private static PGSimpleDataSource testDatabase() {
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setUrl("jdbc:postgresql://127.0.0.1:5432/subscription_test");
        database.setUser("subscription");
        database.setPassword("subscription");
        return database;
    }

    private RequestSpecification api() {
        return given().port(subscriptions.port()).auth().oauth2(Tokens.of(DemoUser.MARKETING));
    }

    /** The job's view once {@code reached}, polled every 50 ms for at most {@link #AT_MOST}. */
    private JsonPath await(String path, Predicate<JsonPath> reached, String what) {
        JsonPath[] last = new JsonPath[1];
        Awaitility.await(what)
                .atMost(AT_MOST)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    last[0] = api().get(path).then().statusCode(200).extract().jsonPath();
                    return reached.test(last[0]);
                });
        return last[0];
    }
}
