package org.gdprsuite.consent;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.DsrCommand;
import org.gdprsuite.events.dsr.DsrReply;
import org.gdprsuite.events.dsr.SubjectIds;
import org.gdprsuite.events.payload.PersonCreated;
import org.gdprsuite.events.payload.SealedFields;
import org.gdprsuite.runtime.crypto.SubjectCipher;
import org.gdprsuite.runtime.internal.dsr.DsrCommandHandler;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.gdprsuite.consent.ConsentFixtures.knownPerson;
import static org.gdprsuite.consent.ConsentFixtures.purpose;
import static org.gdprsuite.consent.ConsentFixtures.staff;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Subjects named by address (issue 20): a consent for an address the suite does not know yet is a pending subject
 * that decisions by address answer from, attaches with its history to the person contact-service later announces
 * with that address, and is exported and erased by a DSR naming the address.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class PendingSubjectTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Inject
    SubjectCipher cipher;

    @Inject
    DsrCommandHandler dsr;

    @Test
    void aConsentByAddressWaitsAsAPendingSubjectAndAttachesToThePersonWithItsHistory() {
        purpose("pending-news", true, null, null);
        String email = unique("Pat.Pending");
        String effectiveAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        KafkaProbe.send(
                prefix + Topics.CONSENT_INBOUND,
                List.of(Map.entry(email, consentByEmail(UUID.randomUUID(), email, "pending-news", effectiveAt))));

        // Before any person has the address: the decision by address answers from the pending subject.
        await().atMost(WAIT)
                .until(() -> byEmail(email.toLowerCase(), "pending-news").getBoolean("allowed"));
        JsonPath pending = byEmail(email, "pending-news");
        assertNull(pending.getString("personId"), "a pending subject's id is not a person's");
        assertEquals(effectiveAt, pending.getString("since"));
        JsonPath stranger = byEmail(unique("nobody"), "pending-news");
        assertEquals(false, stranger.getBoolean("allowed"));
        assertEquals(List.of("UNKNOWN_SUBJECT"), stranger.getList("reasons"));

        // contact-service creates the person later (by hand, import or form), the address sealed under their key.
        Instant beforeCreation = Instant.now();
        UUID person = UUID.randomUUID();
        createPerson(person, email);

        await().atMost(WAIT)
                .until(() ->
                        person.toString().equals(byEmail(email, "pending-news").getString("personId")));
        ConsentLedgerTest.decision(person, "pending-news")
                .then()
                .body("allowed", equalTo(true))
                .body("since", equalTo(effectiveAt));
        JsonPath history = given().auth()
                .oauth2(staff(DemoUser.DPO))
                .when()
                .get("/api/consents/persons/" + person + "/purposes/pending-news/history")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(1, history.getInt("total"));
        assertEquals("web-form-test", history.getString("items[0].recordedBy"));
        assertEquals("newsletter-box", history.getString("items[0].evidence.formId"));
        assertTrue(
                Instant.parse(history.getString("items[0].recordedAt")).isBefore(beforeCreation),
                "the attached record keeps the time it was recorded");

        // A DSR by address after the attachment: the request names the person (resolved by erasure-service).
        SubjectIds subject = new SubjectIds(List.of(person), List.of(email));
        DsrReply export = dsr.handle(
                UUID.randomUUID().toString(), DsrAction.EXPORT, new DsrCommand(UUID.randomUUID(), subject, List.of()));
        assertEquals(DsrReply.Outcome.DONE, export.outcome());
        assertEquals(1, export.slice().size(), "the attached subject is the person's slice, not a second one");
        erase(subject);
        ConsentLedgerTest.decision(person, "pending-news")
                .then()
                .body("allowed", equalTo(false))
                .body("reasons", contains("WITHDRAWN", "ERASED"));
        assertEquals(List.of("UNKNOWN_SUBJECT"), byEmail(email, "pending-news").getList("reasons"));
    }

    @Test
    void aDsrByAddressExportsAndErasesAPendingSubjectThatThenNeverAttaches() {
        purpose("pending-dsr", true, null, null);
        String email = unique("dana.dsr");
        postInbound(consentByEmail(UUID.randomUUID(), email, "pending-dsr", now()))
                .then()
                .statusCode(201);
        assertEquals(true, byEmail(email, "pending-dsr").getBoolean("allowed"));

        SubjectIds subject = new SubjectIds(List.of(), List.of(email.toUpperCase()));
        DsrReply export = dsr.handle(
                UUID.randomUUID().toString(), DsrAction.EXPORT, new DsrCommand(UUID.randomUUID(), subject, List.of()));
        assertEquals(DsrReply.Outcome.DONE, export.outcome());
        assertEquals(1, export.slice().size());
        assertEquals(
                "pending-dsr",
                export.slice().get(0).get("ledger").get(0).get("purpose").asText());
        assertTrue(export.slice().toString().contains("newsletter-box"), "the export carries the evidence");

        erase(subject);
        JsonPath after = byEmail(email, "pending-dsr");
        assertEquals(false, after.getBoolean("allowed"));
        assertEquals(List.of("UNKNOWN_SUBJECT"), after.getList("reasons"), "no index finds the address any more");

        // The person created later with that address finds nothing to attach.
        UUID person = UUID.randomUUID();
        createPerson(person, email);
        await().atMost(WAIT)
                .until(() -> ConsentLedgerTest.decision(person, "pending-dsr")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("reasons")
                        .equals(List.of("NO_BASIS")));
    }

    @Test
    void erasuresByAddressArrivingTogetherEraseEveryPendingSubject() {
        purpose("pending-together", true, null, null);
        List<String> emails = List.of(unique("erin.together"), unique("finn.together"));
        for (String email : emails) {
            postInbound(consentByEmail(UUID.randomUUID(), email, "pending-together", now()))
                    .then()
                    .statusCode(201);
        }

        List<DsrReply> replies = dsr.handleErasures(emails.stream()
                .map(email -> new DsrCommandHandler.Received(
                        UUID.randomUUID().toString(),
                        new DsrCommand(UUID.randomUUID(), new SubjectIds(List.of(), List.of(email)), List.of())))
                .toList());

        assertEquals(
                List.of(DsrReply.Outcome.DONE, DsrReply.Outcome.DONE),
                replies.stream().map(DsrReply::outcome).toList());
        for (String email : emails) {
            JsonPath after = byEmail(email, "pending-together");
            assertEquals(false, after.getBoolean("allowed"), email);
            assertEquals(List.of("UNKNOWN_SUBJECT"), after.getList("reasons"), "no index finds the address any more");
        }
    }

    @Test
    void badSubjectsAreRefusedAndNothingIsStored() {
        purpose("pending-bad", true, null, null);
        UUID known = knownPerson(prefix);
        UUID other = UUID.randomUUID();
        String othersEmail = unique("olga.other");
        createPerson(other, othersEmail);
        await().atMost(WAIT)
                .until(() -> other.toString()
                        .equals(byEmail(othersEmail, "pending-bad").getString("personId")));

        postInbound(consentByEmail(UUID.randomUUID(), "not an address", "pending-bad", now()))
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://gdpr-suite.org/problems/malformed-email"));
        postInbound(consentOf(
                        UUID.randomUUID(),
                        "\"personId\":\"" + known + "\",\"email\":\"" + othersEmail + "\"",
                        "pending-bad",
                        now()))
                .then()
                .statusCode(422)
                .body("type", equalTo("https://gdpr-suite.org/problems/subject-conflict"));
        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .when()
                .get("/api/consents/persons/" + known + "/purposes/pending-bad/history")
                .then()
                .body("total", equalTo(0));
        ConsentLedgerTest.decision(other, "pending-bad").then().body("reasons", contains("NO_BASIS"));
        given().auth()
                .oauth2(Tokens.integration())
                .queryParam("email", "still not an address")
                .queryParam("purpose", "pending-bad")
                .when()
                .get("/api/consents/decisions")
                .then()
                .statusCode(422);

        // On Kafka: a dead letter with the reason, never quoting the address.
        String malformed = consentByEmail(UUID.randomUUID(), "broken@@example", "pending-bad", now());
        String key = UUID.randomUUID().toString();
        KafkaProbe.send(prefix + Topics.CONSENT_INBOUND, List.of(Map.entry(key, malformed)));
        String reason = KafkaProbe.readUntil(
                        prefix + Topics.deadLetter(Topics.CONSENT_INBOUND),
                        records -> records.stream().anyMatch(r -> key.equals(r.key())),
                        WAIT)
                .stream()
                .filter(r -> key.equals(r.key()))
                .map(r -> KafkaProbe.header(r, "dead-letter-reason"))
                .findFirst()
                .orElseThrow();
        assertTrue(reason.contains("not a well-formed address"), reason);
        assertTrue(!reason.contains("broken@@example"), reason);
    }

    @Test
    void aSubjectNamedByItsExternalIdStaysPendingUnderThatId() {
        purpose("pending-ext", true, null, null);
        String externalId = UUID.randomUUID().toString();
        postInbound(consentOf(
                        UUID.randomUUID(),
                        "\"sourceSystem\":\"shop\",\"externalId\":\"" + externalId + "\"",
                        "pending-ext",
                        now()))
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(Tokens.integration())
                .queryParam("sourceSystem", "shop")
                .queryParam("externalId", externalId)
                .queryParam("purpose", "pending-ext")
                .when()
                .get("/api/consents/decisions")
                .then()
                .statusCode(200)
                .body("allowed", equalTo(true))
                .body("personId", nullValue());
        given().auth()
                .oauth2(Tokens.integration())
                .queryParam("sourceSystem", "other-shop")
                .queryParam("externalId", externalId)
                .queryParam("purpose", "pending-ext")
                .when()
                .get("/api/consents/decisions")
                .then()
                .body("reasons", contains("UNKNOWN_SUBJECT"));
    }

    private void erase(SubjectIds subject) {
        assertEquals(
                DsrReply.Outcome.DONE,
                dsr.handle(
                                UUID.randomUUID().toString(),
                                DsrAction.ERASE,
                                new DsrCommand(UUID.randomUUID(), subject, List.of()))
                        .outcome());
    }

    private void createPerson(UUID person, String email) {
        String sealed = cipher.seal(person.toString(), SealedFields.EMAIL, email);
        KafkaProbe.send(
                prefix + Topics.CONTACT_EVENTS,
                List.of(Map.entry(
                        person.toString(),
                        EventCodec.toJson(CloudEvent.of(
                                "contact-service",
                                EventType.PERSON_CREATED,
                                person.toString(),
                                new PersonCreated(person, sealed, "customer"))))));
    }

    private static JsonPath byEmail(String email, String purpose) {
        return given().auth()
                .oauth2(Tokens.integration())
                .queryParam("email", email)
                .queryParam("purpose", purpose)
                .when()
                .get("/api/consents/decisions")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static io.restassured.response.Response postInbound(String body) {
        return given().auth()
                .oauth2(Tokens.integration())
                .contentType("application/cloudevents+json")
                .body(body)
                .when()
                .post("/api/consents/inbound");
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static String unique(String name) {
        return name + "." + UUID.randomUUID().toString().substring(0, 8) + "@Example.org";
    }

    static String consentByEmail(UUID id, String email, String purpose, String effectiveAt) {
        return consentOf(id, "\"email\":\"" + email + "\"", purpose, effectiveAt);
    }

    /** A consent.recorded whose subject is named by {@code subjectFields} (JSON members). */
    static String consentOf(UUID id, String subjectFields, String purpose, String effectiveAt) {
        return """
                {"specversion":"1.0","id":"%s","source":"web-form-test","type":"consent.recorded","subject":"form",
                 "time":"%s","datacontenttype":"application/json",
                 "data":{%s,"purpose":"%s","status":"GRANTED","legalBasis":"CONSENT","effectiveAt":"%s",
                         "source":"WEB_FORM","channel":"website","noticeVersion":"2026-01",
                         "evidence":{"ip":"198.51.100.4","userAgent":"Firefox","formId":"newsletter-box"}}}
                """.formatted(id, effectiveAt, subjectFields, purpose, effectiveAt);
    }
}
