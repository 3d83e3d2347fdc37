package org.gdprsuite.systemtest;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.gdprsuite.testsupport.ClientAddresses;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.MailBox;
import org.gdprsuite.testsupport.PublicForm;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What every scenario shares: the running suite, calls through its gateway as a demo user (a real
 * Keycloak token) or as an anonymous data subject, and the setup a DPO and a marketer would do first.
 */
abstract class SystemTest {

    /** Purposes and subscription types of the scenarios, set up through the API like an administrator would. */
    static final String NEWSLETTER = "newsletter";

    static final String NEWSLETTER_NAME = "Newsletter and product news";

    static final String CUSTOMER_CARE = "customer-care";
    static final String PRODUCT_NEWS = "product-news";
    static final String EVENT_INVITATIONS = "event-invitations";

    static final Duration MAIL_WAIT = Duration.ofSeconds(60);

    /** The services that hold a slice of a data subject's data and answer data-subject requests. */
    static final List<String> PARTICIPANTS =
            List.of("consent-service", "contact-service", "incident-service", "subscription-service");

    static RunningSuite suite;

    /**
     * Where the data subject of the running scenario calls from. The suite runs with its real per-address limits
     * (the gateway's public limit, the portal's and the breach form's), so each scenario is a person on a machine
     * of their own, as users are; staff calls carry a token and count per user, from 127.0.0.1.
     */
    private static InetAddress subjectAddress = ClientAddresses.next();

    @BeforeAll
    static void suiteAndCatalogue() {
        suite = RunningSuite.get();
        catalogue();
    }

    @BeforeEach
    void anotherPerson() {
        newSubjectAddress();
    }

    /** From now on the data subject calls from an address no one used (each try of a generator is another person). */
    static InetAddress newSubjectAddress() {
        subjectAddress = ClientAddresses.next();
        return subjectAddress;
    }

    static RequestSpecification as(DemoUser user) {
        return given().baseUri(suite.gateway()).auth().oauth2(Tokens.of(user));
    }

    static RequestSpecification asIntegration() {
        return given().baseUri(suite.gateway()).auth().oauth2(Tokens.integration());
    }

    /** A data subject: no token, only the public pages and the links from their mail; from the scenario's address. */
    static RequestSpecification anonymous() {
        return from(subjectAddress);
    }

    /**
     * The anonymous caller posting the form of the public page {@code page} as a browser does: with the anti-CSRF
     * cookie and field the page gave.
     */
    static RequestSpecification withFormOf(String page) {
        return PublicForm.open(anonymous(), page).on(anonymous());
    }

    /** An anonymous caller of the gateway from a given address. */
    static RequestSpecification from(InetAddress address) {
        return given().config(ClientAddresses.restAssured(address)).baseUri(suite.gateway());
    }

    static ConditionFactory eventually() {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(300))
                .ignoreExceptions();
    }

    /** The purposes, legal bases and subscription types (idempotent PUTs), and consent requests for new persons. */
    static synchronized void catalogue() {
        purpose(
                NEWSLETTER,
                Map.of(
                        "name",
                        NEWSLETTER_NAME,
                        "consentRequired",
                        true,
                        "directMarketing",
                        true,
                        "dataCategories",
                        List.of("contact details")));
        purpose(
                CUSTOMER_CARE,
                Map.of(
                        "name",
                        "Customer care",
                        "consentRequired",
                        false,
                        "defaultLegalBasis",
                        "CONTRACT",
                        "dataCategories",
                        List.of("contact details", "communication")));
        as(DemoUser.DPO)
                .contentType(ContentType.JSON)
                .body(Map.of("sendConsentRequests", true))
                .when()
                .put("/api/consents/settings")
                .then()
                .statusCode(200);
        subscriptionType(PRODUCT_NEWS, "Product news");
        subscriptionType(EVENT_INVITATIONS, "Event invitations");
    }

    private static void purpose(String key, Map<String, Object> body) {
        as(DemoUser.DPO)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .put("/api/consents/purposes/" + key)
                .then()
                .statusCode(200);
    }

    private static void subscriptionType(String key, String name) {
        as(DemoUser.MARKETING)
                .contentType(ContentType.JSON)
                .body(Map.of("name", name, "description", name + " by mail", "purposeKey", NEWSLETTER))
                .when()
                .put("/api/subscriptions/types/" + key)
                .then()
                .statusCode(200);
    }

    /** A new person, created by sales as in the CRM. */
    static UUID createPerson(String firstName, String lastName, String email, Map<String, Object> more) {
        Map<String, Object> body = new HashMap<>(more);
        body.putAll(Map.of("firstName", firstName, "lastName", lastName, "email", email, "category", "CUSTOMER"));
        ExtractableResponse<Response> created = as(DemoUser.SALES)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/api/contacts/persons")
                .then()
                .statusCode(201)
                .extract();
        UUID id = UUID.fromString(created.path("id"));
        // A client follows the Location to the person: the gateway's address, not the service's behind it.
        assertEquals(suite.gateway() + "/api/contacts/persons/" + id, created.header("Location"));
        return id;
    }

    /**
     * Waits (at most a minute) until consent-service knows a new person: it learns of them from contact-service's
     * events about a second after the creation, and refuses consent records for an unknown person before
     * (REST 422 person-not-found; on Kafka retried, then dead-lettered). The decision API answers UNKNOWN_SUBJECT.
     */
    static void awaitKnownToConsents(UUID person) {
        eventually()
                .atMost(Duration.ofSeconds(60))
                .until(() -> !decisionOf(person, NEWSLETTER).getList("reasons").contains("UNKNOWN_SUBJECT"));
    }

    /** Every service that holds personal data has announced itself to the orchestrator. */
    static void awaitParticipants() {
        awaitParticipants(PARTICIPANTS);
    }

    /** These services have announced themselves to the orchestrator. */
    static void awaitParticipants(List<String> names) {
        eventually()
                .until(() -> as(DemoUser.DPO)
                        .when()
                        .get("/api/requests/participants")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("items.name")
                        .containsAll(names));
    }

    /**
     * Persons imported by sales from a CSV file with contact-service's import job (all or nothing), as a migration
     * brings existing data with its source and legal basis for a purpose; waits (at most two minutes) until the job
     * completed with every row created, and answers the job's address.
     */
    static String importPersons(String csv, String source, String purpose, String legalBasis, int rows) {
        String id = as(DemoUser.SALES)
                .contentType("text/csv")
                .body(csv)
                .queryParam("source", source)
                .queryParam("purpose", purpose)
                .queryParam("legalBasis", legalBasis)
                .queryParam("mode", "all-or-nothing")
                .when()
                .post("/api/contacts/imports")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        String job = "/api/contacts/imports/" + id;
        Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> !List.of("QUEUED", "RUNNING")
                        .contains(as(DemoUser.SALES).get(job).then().extract().path("state")));
        as(DemoUser.SALES).get(job).then().body("state", equalTo("COMPLETED")).body("progress.created", equalTo(rows));
        return job;
    }

    static String uniqueEmail(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    /**
     * The consent-request mail of the newsletter to the address: one mail per purpose that requires consent, and
     * other tests add such purposes to the catalogue.
     */
    static MailBox.Message newsletterRequest(String email) {
        return MailBox.await(
                email,
                m -> m.link("/public/consents/confirm").isPresent() && m.mime().contains(NEWSLETTER_NAME),
                MAIL_WAIT);
    }

    /** The person confirms the newsletter through the link of the consent-request mail (double opt-in). */
    static MailBox.Message confirmNewsletterByMail(String email) {
        MailBox.Message request = newsletterRequest(email);
        URI link = URI.create(request.link("/public/consents/confirm").orElseThrow());
        String token = link.getQuery().substring("token=".length());
        anonymous()
                .queryParam("token", token)
                .when()
                .get("/public/consents/confirm")
                .then()
                .statusCode(200);
        anonymous()
                .formParam("token", token)
                .when()
                .post("/public/consents/confirm")
                .then()
                .statusCode(200);
        return request;
    }

    static void subscribe(UUID person, String type, boolean subscribed) {
        as(DemoUser.SALES)
                .contentType(ContentType.JSON)
                .body(Map.of("subscribed", subscribed))
                .when()
                .put("/api/subscriptions/persons/" + person + "/types/" + type)
                .then()
                .statusCode(200);
    }

    static List<String> audience(String type) {
        return as(DemoUser.MARKETING)
                .queryParam("size", 500)
                .when()
                .get("/api/subscriptions/types/" + type + "/audience")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.personId");
    }

    static boolean decision(UUID person, String purpose) {
        return decisionOf(person, purpose).getBoolean("allowed");
    }

    /** The decision API's answer for a person and purpose, as an integrating system asks it. */
    static JsonPath decisionOf(UUID person, String purpose) {
        return decisionOf(as(DemoUser.MARKETING), "personId", person, purpose);
    }

    /** The decision API's answer, asked by {@code caller} naming the subject by {@code by} (personId, email...). */
    static JsonPath decisionOf(RequestSpecification caller, String by, Object subject, String purpose) {
        return caller.queryParam(by, subject)
                .queryParam("purpose", purpose)
                .when()
                .get("/api/consents/decisions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }
}
