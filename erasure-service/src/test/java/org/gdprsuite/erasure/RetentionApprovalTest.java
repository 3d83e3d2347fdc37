package org.gdprsuite.erasure;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.RetentionErasureRequested;
import org.gdprsuite.events.payload.RetentionErasureRequested.Criteria;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.gdprsuite.erasure.RetentionPolicies.INACTIVE_SUPPLIERS;
import static org.gdprsuite.erasure.RetentionPolicies.approval;
import static org.gdprsuite.erasure.RetentionPolicies.approved;
import static org.gdprsuite.erasure.RetentionPolicies.sweep;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A retention erasure from the bus is carried out only for a policy the DPO approved with the criteria swept. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class RetentionApprovalTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Test
    void onlyTheDpoApprovesOrRevokesAndTheApprovalsAreListedInPages() {
        UUID policy = UUID.randomUUID();
        for (DemoUser other : List.of(DemoUser.SUPPORT, DemoUser.ADMIN)) {
            approval(other, policy, INACTIVE_SUPPLIERS).then().statusCode(403);
            given().auth()
                    .oauth2(Tokens.of(other))
                    .when()
                    .post("/api/requests/retention-policies/" + policy + "/revocation")
                    .then()
                    .statusCode(403);
        }
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .post("/api/requests/retention-policies/" + policy + "/revocation")
                .then()
                .statusCode(404);
        approval(DemoUser.DPO, policy, new Criteria(null, false, null, false))
                .then()
                .statusCode(400);
        approval(DemoUser.DPO, policy, new Criteria("SUPPLIER; DROP", false, null, false))
                .then()
                .statusCode(400);
        approval(DemoUser.DPO, policy, new Criteria("supplier", false, 24, false))
                .then()
                .statusCode(200)
                .body("policyId", equalTo(policy.toString()))
                .body("category", equalTo("SUPPLIER"))
                .body("approvedBy", notNullValue());

        given().auth()
                .oauth2(Tokens.of(DemoUser.SUPPORT))
                .when()
                .get("/api/requests/retention-policies")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.of(DemoUser.ADMIN))
                .queryParam("page", 0)
                .queryParam("size", 1)
                .when()
                .get("/api/requests/retention-policies")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(1))
                .body("items[0].policyId", equalTo(policy.toString()))
                .body("page", equalTo(0))
                .body("size", equalTo(1))
                .body("total", greaterThanOrEqualTo(1));
    }

    @Test
    void anApprovedPolicysSweepIsCarriedOutAndRevokingRefusesTheNextOne() {
        UUID policy = approved(INACTIVE_SUPPLIERS);
        UUID first = UUID.randomUUID();
        sweep(prefix, policy, INACTIVE_SUPPLIERS, List.of(first));
        await("the approved policy's sweep to be carried out")
                .atMost(WAIT)
                .until(() -> requestsAbout(first), equalTo(1));

        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .post("/api/requests/retention-policies/" + policy + "/revocation")
                .then()
                .statusCode(200)
                .body("revokedAt", notNullValue());
        UUID next = UUID.randomUUID();
        assertRefused(sweep(prefix, policy, INACTIVE_SUPPLIERS, List.of(next)), next);
    }

    @Test
    void aSweepOfAnUnapprovedOrChangedPolicyIsRefusedAndDeadLettered() {
        UUID unapproved = UUID.randomUUID();
        UUID person = UUID.randomUUID();
        assertRefused(sweep(prefix, unapproved, INACTIVE_SUPPLIERS, List.of(person)), person);

        UUID policy = approved(INACTIVE_SUPPLIERS);
        UUID widened = UUID.randomUUID();
        assertRefused(sweep(prefix, policy, new Criteria("SUPPLIER", false, 1, true), List.of(widened)), widened);

        UUID unnamed = UUID.randomUUID();
        UUID sweep = UUID.randomUUID();
        CloudEvent old = CloudEvent.of(
                "contact-service",
                EventType.RETENTION_ERASURE_REQUESTED,
                sweep.toString(),
                new RetentionErasureRequested(List.of(unnamed), "no id", sweep));
        KafkaProbe.send(prefix + Topics.CONTACT_EVENTS, sweep.toString(), EventCodec.toJson(old));
        assertRefused(old, unnamed);
    }

    /** Dead-lettered with the reason, and no request inserted for the person. */
    private void assertRefused(CloudEvent event, UUID person) {
        ConsumerRecord<String, String> dead = KafkaProbe.awaitRecord(
                Topics.deadLetter(prefix + Topics.CONTACT_EVENTS),
                r -> r.value().contains(event.id()),
                WAIT);
        String reason = KafkaProbe.header(dead, "dead-letter-reason");
        assertTrue(reason.contains("refused"), reason);
        assertTrue(!reason.contains(person.toString()), "the reason names no person: " + reason);
        assertEquals(0, requestsAbout(person), "nothing inserted for a refused sweep");
    }

    private static int requestsAbout(UUID person) {
        return given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .queryParam("personId", person)
                .when()
                .get("/api/requests")
                .then()
                .statusCode(200)
                .extract()
                .path("total");
    }
}
