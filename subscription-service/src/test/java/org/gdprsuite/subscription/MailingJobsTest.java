package org.gdprsuite.subscription;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import org.gdprsuite.subscription.ReadModelRows.Person;
import org.gdprsuite.subscription.domain.MailingQueue;
import org.gdprsuite.subscription.domain.MailingRunner;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.MailBox;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;

import static org.awaitility.Awaitility.await;
import static org.gdprsuite.subscription.World.as;
import static org.gdprsuite.subscription.World.type;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Mailings as jobs on the real stack (PostgreSQL, GreenMail): 202 at once, sent by the runner at its rate,
 * each recipient re-checked at send time, at most once across a crash, cancellable; information mailings
 * without consent but never to restricted persons; the DPO's audited override.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class MailingJobsTest {

    @Inject
    DataSource dataSource;

    @Inject
    MailingRunner runner;

    @Inject
    MailingQueue queue;

    @AfterEach
    void runnerRuns() {
        runner.start();
    }

    @Test
    void aMailingToFiveThousandIsAJobThatSkipsWhoWasRestrictedSinceThePlanning() {
        Fixture f = new Fixture("bulk");
        List<Person> consented = f.rows.persons(f.category, 5000, "bulk", false);
        List<Person> notConsented = f.rows.persons(f.category, 20, "bulk-nc", false);
        List<Person> restricted = f.rows.persons(f.category, 10, "bulk-r", true);
        f.rows.consent(consented, f.purpose, true, "");
        f.rows.consent(restricted, f.purpose, true, "");
        f.rows.subscribe(consented, f.type, true);
        f.rows.subscribe(notConsented, f.type, true);
        f.rows.subscribe(restricted, f.type, true);
        String selection = f.selection(Map.of("categories", List.of(f.category)));
        as(DemoUser.MARKETING)
                .queryParam("type", f.type)
                .get("/api/subscriptions/selections/" + selection + "/preview")
                .then()
                .statusCode(200)
                .body("persons", equalTo(5030))
                .body("restricted", equalTo(10))
                .body("informable", equalTo(5020))
                .body("marketable", equalTo(5000));

        runner.stop(); // planned now, sent later: a restriction arrives in between
        long asked = System.nanoTime();
        Response accepted = f.mailing(DemoUser.MARKETING, f.order("MARKETING", selection));
        assertTrue(Duration.ofNanos(System.nanoTime() - asked).toMillis() < 3000, "answered at once");
        assertEquals("QUEUED", accepted.jsonPath().getString("state"));
        String job = accepted.header("Location");
        assertTrue(job.contains("/api/subscriptions/mailings/"), job);
        while (queue.planNext()) {
            // plans this mailing (and any other queued one)
        }
        assertEquals(5000, f.job(job).getInt("totals.PLANNED"));
        Person restrictedSince = consented.get(4321);
        f.rows.restrict(restrictedSince);
        runner.start();

        JsonPath done = f.awaitState(job, "COMPLETED", Duration.ofMinutes(4));
        assertEquals(4999, done.getInt("totals.SENT"));
        assertEquals(1, done.getInt("totals.SKIPPED"));
        assertEquals(1, done.getInt("skipped.RESTRICTED"));
        as(DemoUser.MARKETING)
                .queryParam("state", "SKIPPED")
                .get(job.substring(job.indexOf("/api")) + "/recipients")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0].personId", equalTo(restrictedSince.id().toString()))
                .body("items[0].reason", equalTo("RESTRICTED"));
        List<Person> eligible = new ArrayList<>(consented);
        eligible.remove(restrictedSince);
        assertMails(eligible, f.subject, 1);
        assertMails(List.of(restrictedSince), f.subject, 0);
        assertMails(notConsented, f.subject, 0);
        assertMails(restricted, f.subject, 0);
    }

    @Test
    void aRunnerStoppedMidJobAndACrashLeftInDoubtMailNobodyTwice() {
        Fixture f = new Fixture("crash");
        List<Person> persons = f.rows.persons(f.category, 800, "crash", false);
        f.rows.consent(persons, f.purpose, true, "");
        f.rows.subscribe(persons, f.type, true);
        String job = f.queue(DemoUser.MARKETING, f.order("MARKETING", null));
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> f.job(job).getInt("totals.SENT") >= 100);
        runner.stop();
        // The crash: claims whose outcome was never recorded, of mails that went out and of mails that did not.
        UUID id = UUID.fromString(job.substring(job.lastIndexOf('/') + 1));
        int sentButLost = f.rows.execute(
                "UPDATE mailing_recipient SET state = 'SENDING',"
                        + " claimed_at = now() - interval '1 hour' WHERE (mailing_id, person_id) IN (SELECT mailing_id,"
                        + " person_id FROM mailing_recipient WHERE mailing_id = ? AND state = 'SENT' LIMIT 3)",
                id);
        int claimedNotSent = f.rows.execute(
                "UPDATE mailing_recipient SET state = 'SENDING',"
                        + " claimed_at = now() - interval '1 hour' WHERE (mailing_id, person_id) IN (SELECT mailing_id,"
                        + " person_id FROM mailing_recipient WHERE mailing_id = ? AND state = 'PENDING' LIMIT 4)",
                id);
        assertEquals(3, sentButLost);
        assertEquals(4, claimedNotSent);
        runner.start();

        JsonPath done = f.awaitState(job, "COMPLETED", Duration.ofMinutes(2));
        assertEquals(793, done.getInt("totals.SENT"));
        assertEquals(7, done.getInt("totals.UNKNOWN"), "in doubt: recorded, never resent");
        Map<Person, Integer> mails = MailCounts.of(persons, f.subject);
        assertTrue(mails.values().stream().allMatch(n -> n <= 1), "nobody mailed twice");
        assertEquals(796, mails.values().stream().mapToInt(Integer::intValue).sum(), "sent, and 3 before the crash");
    }

    @Test
    void aCancelledMailingStops() {
        Fixture f = new Fixture("cancel");
        List<Person> persons = f.rows.persons(f.category, 3000, "cancel", false);
        f.rows.consent(persons, f.purpose, true, "");
        f.rows.subscribe(persons, f.type, true);
        String job = f.queue(DemoUser.MARKETING, f.order("MARKETING", null));
        await().atMost(Duration.ofSeconds(60)).until(() -> f.job(job).getInt("totals.SENT") >= 1);
        as(DemoUser.MARKETING)
                .post(job.substring(job.indexOf("/api")) + "/cancellation")
                .then()
                .statusCode(200)
                .body("state", equalTo("CANCELLED"))
                .body("audit.action", hasItem("CANCELLED"));
        runner.stop(); // the batch in flight is done
        JsonPath stopped = f.job(job);
        int sent = stopped.getInt("totals.SENT");
        assertTrue(sent < 3000 && stopped.getInt("totals.CANCELLED") == 3000 - sent, stopped.prettify());
        runner.start();
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> f.job(job).getInt("totals.SENT") == sent);
        as(DemoUser.MARKETING)
                .post(job.substring(job.indexOf("/api")) + "/cancellation")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        assertEquals(
                sent,
                MailCounts.of(persons, f.subject).values().stream()
                        .mapToInt(Integer::intValue)
                        .sum(),
                "the mails sent before the cancellation, no more");
    }

    @Test
    void anInformationMailingNeedsNoConsentButNeverReachesARestrictedPerson() {
        Fixture f = new Fixture("info");
        List<Person> withoutConsent = f.rows.persons(f.category, 3, "info", false);
        List<Person> withdrawn = f.rows.persons(f.category, 2, "info-w", false);
        List<Person> restricted = f.rows.persons(f.category, 2, "info-r", true);
        f.rows.consent(withdrawn, f.purpose, false, "WITHDRAWN");
        String selection = f.selection(Map.of("categories", List.of(f.category)));
        String job = f.queue(DemoUser.MARKETING, f.order("INFORMATION", selection));
        JsonPath done = f.awaitState(job, "COMPLETED", Duration.ofSeconds(60));
        assertEquals(5, done.getInt("totals.SENT"));
        as(DemoUser.DPO)
                .get(job.substring(job.indexOf("/api")) + "/recipients")
                .then()
                .statusCode(200)
                .body("total", equalTo(5))
                .body("items.state", everyItem(equalTo("SENT")));
        assertTrue(MailBox.messages(withoutConsent.get(0).email())
                .get(0)
                .header("List-Unsubscribe")
                .isEmpty());
        assertMails(withoutConsent, f.subject, 1);
        assertMails(withdrawn, f.subject, 1);
        assertMails(restricted, f.subject, 0);

        // A marketing mailing to the same selection reaches nobody: no consent, no subscription.
        String marketing = f.queue(DemoUser.MARKETING, f.order("MARKETING", selection));
        assertEquals(
                0, f.awaitState(marketing, "COMPLETED", Duration.ofSeconds(60)).getInt("totals.PLANNED"));
        as(DemoUser.MARKETING)
                .contentType(ContentType.JSON)
                .body(Map.of("kind", "INFORMATION", "typeKey", f.type, "subject", "x", "text", "y"))
                .post("/api/subscriptions/mailings")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
    }

    @Test
    void theOverrideBeyondConsentIsTheDposAloneWithAReasonAndAudited() {
        Fixture f = new Fixture("override");
        List<Person> noBasis = f.rows.persons(f.category, 2, "ovr-nb", false);
        List<Person> withdrawn = f.rows.persons(f.category, 1, "ovr-w", false);
        List<Person> unsubscribed = f.rows.persons(f.category, 1, "ovr-u", false);
        f.rows.consent(withdrawn, f.purpose, false, "WITHDRAWN");
        f.rows.subscribe(unsubscribed, f.type, false);
        String selection = f.selection(Map.of("categories", List.of(f.category)));
        Map<String, Object> order = f.order("MARKETING", selection);
        order.put("override", Map.of("reason", "Soft opt-in of customers"));
        as(DemoUser.MARKETING)
                .contentType(ContentType.JSON)
                .body(order)
                .post("/api/subscriptions/mailings")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        as(DemoUser.DPO)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "kind",
                        "MARKETING",
                        "typeKey",
                        f.type,
                        "selectionId",
                        selection,
                        "subject",
                        "s",
                        "text",
                        "t",
                        "override",
                        Map.of("reason", " ")))
                .post("/api/subscriptions/mailings")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        String job = f.queue(DemoUser.DPO, order);
        JsonPath done = f.awaitState(job, "COMPLETED", Duration.ofSeconds(60));
        assertEquals(2, done.getInt("totals.SENT"));
        assertEquals("Soft opt-in of customers", done.getString("overrideReason"));
        assertEquals("dpo", done.getString("audit.find { it.action == 'CONSENT_OVERRIDE' }.actor"));
        assertEquals(
                "Soft opt-in of customers", done.getString("audit.find { it.action == 'CONSENT_OVERRIDE' }.detail"));
        assertTrue(MailBox.messages(noBasis.get(0).email())
                .get(0)
                .header("List-Unsubscribe")
                .isPresent());
        assertMails(noBasis, f.subject, 1);
        assertMails(withdrawn, f.subject, 0);
        assertMails(unsubscribed, f.subject, 0);
    }

    /** One test's own category (selections of it hold only its persons), type, purpose and subject. */
    private final class Fixture {
        final String suffix = UUID.randomUUID().toString().substring(0, 8);
        final String category = "T" + suffix;
        final String type = "jobs-" + suffix;
        final String purpose = "jobs-purpose-" + suffix;
        final String subject;
        final ReadModelRows rows = new ReadModelRows(dataSource);

        Fixture(String name) {
            subject = name + " " + suffix;
            type(type, purpose);
        }

        String selection(Map<String, Object> criteria) {
            return as(DemoUser.MARKETING)
                    .contentType(ContentType.JSON)
                    .body(Map.of("name", "Selection " + suffix, "criteria", criteria))
                    .post("/api/subscriptions/selections")
                    .then()
                    .statusCode(201)
                    .extract()
                    .path("id");
        }

        /** A mailing with this fixture's subject: MARKETING of its type or INFORMATION, to a selection if given. */
        Map<String, Object> order(String kind, String selection) {
            Map<String, Object> order =
                    new java.util.HashMap<>(Map.of("kind", kind, "subject", subject, "text", "News"));
            if (kind.equals("MARKETING")) {
                order.put("typeKey", type);
            }
            if (selection != null) {
                order.put("selectionId", selection);
            }
            return order;
        }

        /** Queues the mailing; its job's location. */
        String queue(DemoUser user, Map<String, Object> order) {
            return mailing(user, order).header("Location");
        }

        Response mailing(DemoUser user, Map<String, Object> order) {
            Response response =
                    as(user).contentType(ContentType.JSON).body(order).post("/api/subscriptions/mailings");
            assertEquals(202, response.statusCode(), response.asString());
            return response;
        }

        JsonPath job(String location) {
            return as(DemoUser.MARKETING)
                    .get(location.substring(location.indexOf("/api")))
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
        }

        JsonPath awaitState(String location, String state, Duration atMost) {
            await().atMost(atMost)
                    .pollInterval(Duration.ofMillis(300))
                    .until(() -> state.equals(job(location).getString("state")));
            return job(location);
        }
    }

    private static void assertMails(List<Person> persons, String subject, int expected) {
        MailCounts.of(persons, subject)
                .forEach((person, count) ->
                        assertEquals(expected, count, "mails with this subject to person " + person.id()));
    }
}
