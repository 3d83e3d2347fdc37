package org.gdprsuite.consent;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.consent.domain.Withdrawals;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.PersonUpdated;
import org.gdprsuite.runtime.links.SignedLinks;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.Tokens;

import io.restassured.http.ContentType;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

/** Setting up the catalogue through the API, as a DPO would, and the persons contact-service announces. */
final class ConsentFixtures {

    /** A purpose only asked about, to see whether consent-service knows a person yet. */
    private static final String PROBE = "known-probe";

    private ConsentFixtures() {}

    static void purpose(String key, boolean consentRequired, String defaultBasis, Integer validityDays) {
        purpose(key, consentRequired, defaultBasis, validityDays, false);
    }

    static void purpose(
            String key, boolean consentRequired, String defaultBasis, Integer validityDays, boolean directMarketing) {
        purpose(key, consentRequired, defaultBasis, validityDays, directMarketing, null);
    }

    /** A consent purpose whose retention period ({@code P1D}, ...) is enforced. */
    static void purposeWithRetention(String key, String retentionPeriod) {
        purpose(key, true, null, null, false, retentionPeriod);
    }

    static void purpose(
            String key,
            boolean consentRequired,
            String defaultBasis,
            Integer validityDays,
            boolean directMarketing,
            String retentionPeriod) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of(
                "name",
                "Purpose " + key,
                "consentRequired",
                consentRequired,
                "dataCategories",
                java.util.List.of("contact details"),
                "directMarketing",
                directMarketing));
        if (defaultBasis != null) {
            body.put("defaultLegalBasis", defaultBasis);
        }
        if (validityDays != null) {
            body.put("consentValidityDays", validityDays);
        }
        if (retentionPeriod != null) {
            body.put("retentionPeriod", retentionPeriod);
        }
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .put("/api/consents/purposes/" + key)
                .then()
                .statusCode(200);
    }

    /** Consent to {@code purpose} granted through the web form, as sales records it. */
    static void grant(UUID person, String purpose) {
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "legalBasis",
                        "CONSENT",
                        "status",
                        "GRANTED",
                        "source",
                        "WEB_FORM",
                        "evidence",
                        Map.of("ip", "192.0.2.7", "userAgent", "Firefox")))
                .when()
                .post("/api/consents/persons/" + person + "/purposes/" + purpose)
                .then()
                .statusCode(201);
    }

    static String staff(DemoUser user) {
        return Tokens.of(user);
    }

    /** New random person ids, announced as {@link #announce} does. */
    static UUID[] knownPersons(String prefix, int count) {
        UUID[] persons = new UUID[count];
        Arrays.setAll(persons, i -> UUID.randomUUID());
        announce(prefix, persons);
        return persons;
    }

    static UUID knownPerson(String prefix) {
        return knownPersons(prefix, 1)[0];
    }

    /**
     * A person contact-service announced, granted each purpose of {@code purposesAndBases} (key, legal basis, key,
     * legal basis, ...) as staff record one given in a web form: whom the consent page tests open the page of.
     */
    static UUID personGranted(String prefix, String... purposesAndBases) {
        UUID person = knownPerson(prefix);
        for (int i = 0; i < purposesAndBases.length; i += 2) {
            WithdrawalFixtures.grant(person, purposesAndBases[i], purposesAndBases[i + 1]);
        }
        return person;
    }

    /** The signed link of {@code person}'s consent page (withdraw, give again, object), valid for {@code validity}. */
    static String consentPageLink(SignedLinks links, UUID person, Duration validity) {
        return links.sign(Withdrawals.LINK_SCOPE, person.toString(), validity);
    }

    /**
     * Announces persons as contact-service does on {@code contact.events} (a {@code contact.person.updated}: the
     * person exists, without the default bases a creation brings) and waits until consent-service knows them.
     */
    static void announce(String prefix, UUID... persons) {
        purpose(PROBE, true, null, null);
        KafkaProbe.send(
                prefix + Topics.CONTACT_EVENTS,
                Arrays.stream(persons)
                        .map(person -> Map.entry(
                                person.toString(),
                                EventCodec.toJson(CloudEvent.of(
                                        "contact-service",
                                        EventType.PERSON_UPDATED,
                                        person.toString(),
                                        new PersonUpdated(person, null, "customer")))))
                        .toList());
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given()
                        .auth()
                        .oauth2(Tokens.integration())
                        .contentType(ContentType.JSON)
                        .body(Map.of("purpose", PROBE, "personIds", List.of(persons)))
                        .when()
                        .post("/api/consents/decisions")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getList("decisions.reasons.flatten()", String.class)
                        .stream()
                        .noneMatch("UNKNOWN_SUBJECT"::equals));
    }
}
