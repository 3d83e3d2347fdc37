package org.gdprsuite.consent;

import java.time.Duration;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.consent.domain.Withdrawals;
import org.gdprsuite.runtime.links.PersonKeySubject;
import org.gdprsuite.runtime.links.SignedLinks;
import org.gdprsuite.testsupport.MovableClock;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.gdprsuite.consent.ConsentFixtures.consentPageLink;
import static org.gdprsuite.consent.ConsentFixtures.personGranted;
import static org.gdprsuite.consent.ConsentFixtures.purpose;
import static org.gdprsuite.consent.WithdrawalFixtures.history;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Withdrawal as easy as giving (Art. 7(3)): the signed link of a mail opens a page with the purposes the person
 * consents to; one POST withdraws one, recorded in the ledger with the evidence of the click. A link that is
 * forged, of another scope or expired is refused and changes nothing.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class WithdrawalPageTest {

    private static final String PAGE = "/public/consents/withdraw";

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Inject
    SignedLinks links;

    @Inject
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void thePageListsTheConsentsAndOnePostWithdrawsOneWithItsEvidence() {
        purpose("wd-news", true, null, null);
        purpose("wd-events", true, null, null);
        purpose("wd-contract", false, "CONTRACT", null);
        UUID person = personGranted(prefix, "wd-news", "CONSENT", "wd-events", "CONSENT", "wd-contract", "CONTRACT");
        String token = token(person, Duration.ofDays(90));

        given().queryParam("token", token)
                .when()
                .get(PAGE)
                .then()
                .statusCode(200)
                .contentType(ContentType.HTML)
                .header("Cache-Control", "no-store")
                .body(containsString("Purpose wd-news"))
                .body(containsString("Purpose wd-events"))
                // The contract is shown with its basis (the person's page shows every basis), but cannot be withdrawn.
                .body(containsString("processed on another legal basis: a contract with you"))
                .body(not(containsString("id=\"withdraw-wd-contract\"")));
        ConsentLedgerTest.decision(person, "wd-news").then().body("allowed", equalTo(true));

        given().formParam("token", token)
                .formParam("purpose", "wd-news")
                .header("User-Agent", "WithdrawalTest/1.0")
                // The test calls from 127.0.0.1, the trusted proxy: the address it forwards is the caller's.
                .header("X-Forwarded-For", "198.51.100.23")
                .when()
                .post(PAGE)
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body(containsString("Your consent to <strong>Purpose wd-news</strong> is withdrawn"))
                .body(not(containsString("value=\"wd-news\"")))
                .body(containsString("value=\"wd-events\""));

        ConsentLedgerTest.decision(person, "wd-news")
                .then()
                .body("allowed", equalTo(false))
                .body("status", equalTo("WITHDRAWN"));
        ConsentLedgerTest.decision(person, "wd-events").then().body("allowed", equalTo(true));
        JsonPath ledger = history(person, "wd-news");
        assertEquals(2, ledger.getInt("total"));
        assertEquals("WITHDRAWN", ledger.getString("items[-1].status"));
        assertEquals("CONSENT", ledger.getString("items[-1].legalBasis"));
        assertEquals("WEB_FORM", ledger.getString("items[-1].source"));
        assertEquals(Withdrawals.PAGE, ledger.getString("items[-1].channel"));
        assertEquals("data subject (withdrawal page)", ledger.getString("items[-1].recordedBy"));
        assertEquals("198.51.100.23", ledger.getString("items[-1].evidence.ip"));
        assertEquals("WithdrawalTest/1.0", ledger.getString("items[-1].evidence.userAgent"));
        assertEquals(Withdrawals.PAGE, ledger.getString("items[-1].evidence.formId"));

        // Twice, or a purpose that is not consented (the contract): nothing more to withdraw, nothing recorded.
        for (String purpose : new String[] {"wd-news", "wd-contract", "no-such-purpose"}) {
            given().formParam("token", token)
                    .formParam("purpose", purpose)
                    .when()
                    .post(PAGE)
                    .then()
                    .statusCode(200)
                    .body(containsString("no consent to withdraw"));
        }
        assertEquals(2, history(person, "wd-news").getInt("total"));
        assertEquals(1, history(person, "wd-contract").getInt("total"));
    }

    @Test
    void aForgedOtherOrExpiredLinkIsAProblemAndChangesNothing() {
        purpose("wd-forged", true, null, null);
        UUID person = personGranted(prefix, "wd-forged", "CONSENT");
        String token = token(person, Duration.ofDays(1));
        String otherPerson = token(UUID.randomUUID(), Duration.ofDays(1));
        String forged =
                otherPerson.substring(0, otherPerson.lastIndexOf('.')) + token.substring(token.lastIndexOf('.'));
        String otherScope =
                links.sign("consent-confirm", new PersonKeySubject(person, "wd-forged").encode(), Duration.ofDays(1));

        for (String bad : new String[] {forged, otherScope, "not-a-token", ""}) {
            refused(given().queryParam("token", bad).when().get(PAGE));
            refused(given().formParam("token", bad)
                    .formParam("purpose", "wd-forged")
                    .when()
                    .post(PAGE));
        }
        refused(given().formParam("purpose", "wd-forged").when().post(PAGE));

        clock.advance(Duration.ofDays(2));
        refused(given().queryParam("token", token).when().get(PAGE));
        refused(given().formParam("token", token)
                .formParam("purpose", "wd-forged")
                .when()
                .post(PAGE));

        assertEquals(1, history(person, "wd-forged").getInt("total"));
        ConsentLedgerTest.decision(person, "wd-forged").then().body("allowed", equalTo(true));
    }

    private String token(UUID person, Duration validity) {
        return consentPageLink(links, person, validity);
    }

    private static void refused(io.restassured.response.Response response) {
        response.then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", equalTo("This link is invalid or has expired."));
    }
}
