package org.gdprsuite.consent;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.MovableClock;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.gdprsuite.consent.ConsentFixtures.grant;
import static org.gdprsuite.consent.ConsentFixtures.knownPersons;
import static org.gdprsuite.consent.ConsentFixtures.purposeWithRetention;
import static org.gdprsuite.consent.ConsentFixtures.staff;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * A purpose's retention period enforced: the dry run shows who is due (and who would then be held by no purpose, the
 * persons contact-service's "without legal basis" policy sends to the sweep); running it ends the due bases, and a
 * person still held by another purpose keeps that one.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class PurposeRetentionTest {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String SHORT = "keep-short-" + RUN;
    private static final String LONG = "keep-long-" + RUN;

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Inject
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anExpiredPersonLosesTheBasisAndOneHeldByAnotherPurposeKeepsIt() {
        purposeWithRetention(SHORT, "P1D");
        purposeWithRetention(LONG, "P5Y");
        UUID[] persons = knownPersons(prefix, 2);
        UUID expired = persons[0];
        UUID held = persons[1];
        grant(expired, SHORT);
        grant(held, SHORT);
        grant(held, LONG);

        dryRun("").body("purposes.purpose", not(hasItem(SHORT)));
        dryRun("?within=P2D")
                .body(due("ending"), equalTo(2))
                .body(due("leftWithoutBasis"), equalTo(1))
                .body(due("sample"), equalTo(List.of(expired.toString())))
                .body("purposes.purpose", not(hasItem(LONG)));
        dryRun("?within=forever").statusCode(422).contentType("application/problem+json");
        given().auth()
                .oauth2(staff(DemoUser.ADMIN))
                .when()
                .post("/api/consents/retention/run")
                .then()
                .statusCode(403);

        clock.advance(Duration.ofDays(2));
        dryRun("").body(due("ending"), equalTo(2));
        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .when()
                .post("/api/consents/retention/run")
                .then()
                .statusCode(200)
                .body("ended", greaterThanOrEqualTo(2));

        ConsentLedgerTest.decision(expired, SHORT).then().body("allowed", equalTo(false));
        ConsentLedgerTest.decision(held, SHORT).then().body("allowed", equalTo(false));
        ConsentLedgerTest.decision(held, LONG).then().body("allowed", equalTo(true));
        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .when()
                .get("/api/consents/persons/" + expired + "/purposes/" + SHORT + "/history")
                .then()
                .body("items.recordedBy", hasItem("consent-service (retention)"))
                .body("items.status", hasItem("EXPIRED"));
        dryRun("").body("purposes.purpose", not(hasItem(SHORT)));
    }

    private static String due(String field) {
        return "purposes.find { it.purpose == '" + SHORT + "' }." + field;
    }

    private static ValidatableResponse dryRun(String query) {
        return given().auth()
                .oauth2(staff(DemoUser.DPO))
                .when()
                .get("/api/consents/retention/dry-run" + query)
                .then();
    }
}
