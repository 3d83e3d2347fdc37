package org.gdprsuite.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.events.Topics;
import org.gdprsuite.runtime.internal.outbox.OutboxRelay;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.gdprsuite.consent.ConsentFixtures.grant;
import static org.gdprsuite.consent.ConsentFixtures.knownPerson;
import static org.gdprsuite.consent.ConsentFixtures.purpose;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operations report every service serves from libs/service-runtime ({@code GET /api/operations/<service>}), here
 * consent-service's, on the real PostgreSQL and Kafka: the dead-letter topics its channels write, counted from
 * Kafka's offsets (a malformed event on {@code consent.inbound} makes one more), and its outbox backlog (what
 * waits while the relay is stopped).
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class OperationsReportTest {

    private static final String REPORT = "/api/operations/consent-service";
    private static final String INBOUND_DLQ = Topics.deadLetter(Topics.CONSENT_INBOUND);

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Inject
    OutboxRelay relay;

    @Test
    void theDeadLettersOfEveryTopicTheServiceWritesAreCountedAndAMalformedEventAddsOne() {
        JsonPath report = report(DemoUser.DPO);
        assertEquals("consent-service", report.getString("service"));
        assertEquals(
                List.of(
                        INBOUND_DLQ,
                        Topics.deadLetter(Topics.CONTACT_EVENTS),
                        Topics.deadLetter(Topics.DSR_COMMANDS),
                        Topics.deadLetter(Topics.SUBSCRIPTION_EVENTS)),
                report.getList("deadLetters.topics.topic"),
                "the dead-letter topics of its channels (and of the consents that waited in vain), without the prefix");
        long before = waiting(report, INBOUND_DLQ);
        assertEquals(KafkaProbe.count(prefix + INBOUND_DLQ), before, "the records the topic holds");

        KafkaProbe.send(prefix + Topics.CONSENT_INBOUND, UUID.randomUUID().toString(), "not an event at all");

        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> waiting(report(DemoUser.DPO), INBOUND_DLQ) == before + 1);
        JsonPath after = report(DemoUser.ADMIN);
        long total = after.<Number>getList("deadLetters.topics.waiting").stream()
                .mapToLong(Number::longValue)
                .sum();
        assertEquals(total, after.getLong("deadLetters.waiting"), "the service's total is the sum of its topics");
    }

    @Test
    void theOutboxBacklogShowsTheEventsThatWaitForTheRelayAndTheAgeOfTheOldest() {
        purpose("operations-news", true, null, null);
        UUID person = knownPerson(prefix);
        await().atMost(Duration.ofSeconds(30)).until(() -> report(DemoUser.DPO).getLong("outbox.pending") == 0);
        assertNull(report(DemoUser.DPO).getString("outbox.oldestPendingAt"));

        relay.stop(); // what the transactions write stays in the outbox until the relay runs again
        try {
            Instant before = Instant.now().minusSeconds(1);
            grant(person, "operations-news");
            JsonPath report = report(DemoUser.DPO);
            assertTrue(report.getLong("outbox.pending") >= 1, report.prettify());
            Instant oldest = Instant.parse(report.getString("outbox.oldestPendingAt"));
            assertTrue(!oldest.isBefore(before), oldest + " after " + before);
            assertTrue(report.getLong("outbox.oldestPendingSeconds") >= 0, report.prettify());
        } finally {
            relay.start();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> report(DemoUser.DPO).getLong("outbox.pending") == 0);
        JsonPath drained = report(DemoUser.DPO);
        assertNull(drained.getString("outbox.oldestPendingAt"));
        assertEquals(0, drained.getLong("outbox.oldestPendingSeconds"));
    }

    @Test
    void onlyTheDpoAndAdminsMayAskAndOnlyForThisService() {
        for (DemoUser user : List.of(DemoUser.SALES, DemoUser.MARKETING, DemoUser.SUPPORT, DemoUser.FINANCE)) {
            as(user).when().get(REPORT).then().statusCode(403).contentType("application/problem+json");
        }
        given().auth().oauth2(Tokens.integration()).when().get(REPORT).then().statusCode(403);
        given().when().get(REPORT).then().statusCode(401).header("WWW-Authenticate", startsWith("Bearer"));
        as(DemoUser.DPO)
                .when()
                .get("/api/operations/contact-service")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://gdpr-suite.org/problems/service-not-here"));
    }

    @Test
    void theOpenApiDocumentNamesTheServicesOwnPath() {
        given().accept("application/json")
                .when()
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("paths", hasKey(REPORT))
                .body("paths", not(hasKey("/api/operations/{service}")))
                .body("paths.'" + REPORT + "'.get.operationId", equalTo("OperationsResource_consentService"))
                .body("paths.'" + REPORT + "'.get.parameters", equalTo(null))
                .body("paths.'" + REPORT + "'.get.security", not(equalTo(List.of())));
    }

    private static JsonPath report(DemoUser user) {
        return as(user).when()
                .get(REPORT)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .jsonPath();
    }

    private static long waiting(JsonPath report, String topic) {
        List<Map<String, Object>> topics = report.getList("deadLetters.topics");
        Object waiting = topics.stream()
                .filter(t -> topic.equals(t.get("topic")))
                .findFirst()
                .orElseThrow(() -> new AssertionError(topic + " not in " + topics))
                .get("waiting");
        assertNotNull(waiting, topic + " was not counted");
        return ((Number) waiting).longValue();
    }

    private static RequestSpecification as(DemoUser user) {
        return given().auth().oauth2(Tokens.of(user));
    }
}
