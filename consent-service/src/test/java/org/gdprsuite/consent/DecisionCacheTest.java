package org.gdprsuite.consent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.gdprsuite.consent.ConsentFixtures.knownPerson;
import static org.gdprsuite.consent.ConsentFixtures.purpose;
import static org.gdprsuite.consent.ConsentFixtures.staff;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

/**
 * Single decisions answer from memory (domain/DecisionCache); whatever changes a decision's inputs — this service's
 * own writes, or another replica's, simulated here by statements straight on the database — turns the answer.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class DecisionCacheTest {

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Inject
    DataSource dataSource;

    @Test
    void aWithdrawalHereTurnsTheNextDecisionAtOnce() {
        purpose("cache-news", true, null, null);
        UUID person = knownPerson(prefix);
        record(person, "cache-news", "GRANTED").then().statusCode(201);
        for (int i = 0; i < 3; i++) {
            decision(person, "cache-news").then().statusCode(200).body("allowed", equalTo(true));
        }

        record(person, "cache-news", "WITHDRAWN").then().statusCode(201);

        decision(person, "cache-news")
                .then()
                .statusCode(200)
                .body("allowed", equalTo(false))
                .body("reasons", contains("WITHDRAWN"));
    }

    @Test
    void aChangeMadeElsewhereTurnsTheDecisionWithinSeconds() throws SQLException {
        purpose("cache-offers", true, null, null, false);
        UUID person = knownPerson(prefix);
        record(person, "cache-offers", "GRANTED").then().statusCode(201);
        decision(person, "cache-offers").then().body("allowed", equalTo(true));

        // Another replica (or anyone) restricts the person: this replica hears it from PostgreSQL.
        sql("UPDATE subject_state SET restricted = true WHERE person_id = ?", person);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> decision(person, "cache-offers")
                        .then()
                        .body("allowed", equalTo(false))
                        .body("reasons", contains("RESTRICTED")));

        // A global opt-out does not touch a purpose that is not direct marketing ...
        sql("UPDATE subject_state SET restricted = false, opted_out = true WHERE person_id = ?", person);
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> decision(person, "cache-offers").then().body("allowed", equalTo(true)));
        // ... until the catalogue says it is: every replica then forgets everything it kept.
        sql("UPDATE purpose SET direct_marketing = true WHERE purpose_key = ?", "cache-offers");
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> decision(person, "cache-offers")
                        .then()
                        .body("allowed", equalTo(false))
                        .body("reasons", contains("OPTED_OUT")));
    }

    private void sql(String statement, Object parameter) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement update = connection.prepareStatement(statement)) {
            update.setObject(1, parameter);
            update.executeUpdate();
        }
    }

    private static io.restassured.response.Response record(UUID person, String purpose, String status) {
        return given().auth()
                .oauth2(staff(DemoUser.MARKETING))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "legalBasis",
                        "CONSENT",
                        "status",
                        status,
                        "source",
                        "API",
                        "channel",
                        "web",
                        "evidence",
                        Map.of("ip", "203.0.113.7", "userAgent", "Mozilla/5.0 test", "formId", "signup")))
                .when()
                .post("/api/consents/persons/" + person + "/purposes/" + purpose);
    }

    private static io.restassured.response.Response decision(UUID person, String purpose) {
        return given().auth()
                .oauth2(staff(DemoUser.MARKETING))
                .queryParam("personId", person)
                .queryParam("purpose", purpose)
                .when()
                .get("/api/consents/decisions");
    }
}
