package org.gdprsuite.contact;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.DsrCommand;
import org.gdprsuite.events.dsr.DsrReply;
import org.gdprsuite.events.dsr.SubjectIds;
import org.gdprsuite.events.payload.SealedFields;
import org.gdprsuite.runtime.crypto.RequestFields;
import org.gdprsuite.runtime.internal.dsr.DsrCommandHandler;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Persons with classified fields, optimistic locking, restriction and erasure, with real tokens and events. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class PersonsTest {

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Inject
    DsrCommandHandler dsr;

    @Inject
    RequestFields requestFields;

    static String create(DemoUser user, Map<String, Object> fields) {
        return given().auth()
                .oauth2(Tokens.of(user))
                .contentType(ContentType.JSON)
                .body(fields)
                .when()
                .post("/api/contacts/persons")
                .then()
                .statusCode(201)
                .header("ETag", notNullValue())
                .extract()
                .path("id");
    }

    static Map<String, Object> ada(String email) {
        return Map.of(
                "firstName",
                "Ada",
                "lastName",
                "Lovelace",
                "email",
                email,
                "category",
                "customer",
                "nationalId",
                "AB-123456",
                "bankAccount",
                "DE89370400440532013000",
                "birthDate",
                "1815-12-10",
                "healthNotes",
                "wheelchair access",
                "city",
                "London",
                "country",
                "GB");
    }

    @Test
    void sensitiveFieldsAreShownOnlyToTheRolesAllowedInEveryEndpoint() {
        String email = "ada." + UUID.randomUUID() + "@example.org";
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .contentType(ContentType.JSON)
                .body(ada(email))
                .when()
                .post("/api/contacts/persons")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        String id = create(DemoUser.DPO, ada(email));

        person(DemoUser.SALES, id)
                .body("firstName", equalTo("Ada"))
                .body("$", not(hasKey("nationalId")))
                .body("$", not(hasKey("bankAccount")))
                .body("$", not(hasKey("birthDate")))
                .body("$", not(hasKey("healthNotes")));
        person(DemoUser.FINANCE, id)
                .body("nationalId", equalTo("AB-123456"))
                .body("birthDate", equalTo("1815-12-10"))
                .body("$", not(hasKey("healthNotes")));
        person(DemoUser.DPO, id).body("healthNotes", equalTo("wheelchair access"));

        given().auth()
                .oauth2(Tokens.of(DemoUser.MARKETING))
                .queryParam("email", email)
                .when()
                .get("/api/contacts/persons")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items[0]", not(hasKey("bankAccount")));
        given().auth()
                .oauth2(Tokens.of(DemoUser.FINANCE))
                .queryParam("q", "lovelace")
                .when()
                .get("/api/contacts/persons")
                .then()
                .statusCode(200)
                .body("items.bankAccount", hasItem("DE89370400440532013000"));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SUPPORT))
                .when()
                .get("/api/contacts/classification")
                .then()
                .statusCode(200)
                .body("find { it.field == 'bankAccount' }.classification", equalTo("SENSITIVE"))
                .body("find { it.field == 'healthNotes' }.classification", equalTo("SPECIAL_CATEGORY"))
                .body("find { it.field == 'email' }.erasure", equalTo("EMAIL_DOMAIN"))
                .body("find { it.field == 'lastName' }.erasure", equalTo("PSEUDONYM"));
    }

    @Test
    void twoEditorsCannotOverwriteEachOtherAndRectificationIsRecorded() {
        String id = create(
                DemoUser.SALES,
                Map.of("firstName", "Bob", "lastName", "Stale", "email", "bob." + UUID.randomUUID() + "@example.org"));
        String etag = given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .when()
                .get("/api/contacts/persons/" + id)
                .then()
                .extract()
                .header("ETag");

        patch(DemoUser.SALES, id, null, Map.of("lastName", "Fresh"))
                .statusCode(428)
                .contentType("application/problem+json");
        patch(DemoUser.SALES, id, etag, Map.of("lastName", "Fresh"))
                .statusCode(200)
                .body("lastName", equalTo("Fresh"));
        patch(DemoUser.SUPPORT, id, etag, Map.of("lastName", "Overwrite"))
                .statusCode(412)
                .contentType("application/problem+json");
        person(DemoUser.SALES, id).body("lastName", equalTo("Fresh"));

        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .get("/api/contacts/persons/" + id + "/changes")
                .then()
                .body("items.action", equalTo(List.of("created", "rectified")))
                .body("items.fields[1]", equalTo(List.of("lastName")))
                .body("items.by[1]", equalTo("sales"));
        assertTrue(events(id, 2).stream().anyMatch(e -> e.type().equals("contact.person.updated")));
    }

    @Test
    void badInputIsAProblemWithTheFieldAndChangesNothing() {
        String email = "carol." + UUID.randomUUID() + "@example.org";
        String id = create(DemoUser.SALES, Map.of("firstName", "Carol", "email", email));
        String etag = given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .when()
                .get("/api/contacts/persons/" + id)
                .then()
                .extract()
                .header("ETag");

        patch(DemoUser.SALES, id, etag, Map.of("favouriteColour", "blue"))
                .statusCode(400)
                .body("violations[0].field", equalTo("favouriteColour"));
        patch(DemoUser.SALES, id, etag, Map.of("email", 42))
                .statusCode(400)
                .body("violations[0].field", equalTo("email"));
        patch(DemoUser.SALES, id, etag, Map.of("email", "not-an-address", "firstName", "Changed"))
                .statusCode(400)
                .body("violations[0].message", not(containsString("not-an-address")));
        patch(DemoUser.SALES, id, etag, Map.of("firstName", "x".repeat(201))).statusCode(400);
        patch(DemoUser.SALES, id, etag, Map.of("category", "enemy")).statusCode(400);
        patch(
                        DemoUser.SALES,
                        id,
                        etag,
                        Map.of("organisationId", UUID.randomUUID().toString()))
                .statusCode(400)
                .body("violations[0].message", equalTo("no such organisation"));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .contentType(ContentType.JSON)
                .body("[1,2]")
                .when()
                .post("/api/contacts/persons")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .contentType(ContentType.JSON)
                .body("{\"firstName\": ")
                .when()
                .post("/api/contacts/persons")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .contentType(ContentType.JSON)
                .body(Map.of("firstName", "y".repeat(2_000_000)))
                .when()
                .post("/api/contacts/persons")
                .then()
                .statusCode(413);
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .when()
                .get("/api/contacts/persons/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");

        person(DemoUser.SALES, id)
                .body("firstName", equalTo("Carol"))
                .body("email", equalTo(email))
                .body("version", equalTo(0));
    }

    @Test
    void aRestrictedPersonIsKeptButLeftOutOfProcessingAndTheRestrictionIsPublished() {
        String email = "dan." + UUID.randomUUID() + "@example.org";
        String id = create(DemoUser.SALES, Map.of("firstName", "Dan", "email", email));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .when()
                .post("/api/contacts/persons/" + id + "/restriction")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .post("/api/contacts/persons/" + id + "/restriction")
                .then()
                .statusCode(200)
                .body("restricted", equalTo(true));

        given().auth()
                .oauth2(Tokens.of(DemoUser.MARKETING))
                .queryParam("email", email)
                .queryParam("processing", true)
                .when()
                .get("/api/contacts/persons")
                .then()
                .body("total", equalTo(0));
        given().auth()
                .oauth2(Tokens.of(DemoUser.MARKETING))
                .queryParam("email", email)
                .when()
                .get("/api/contacts/persons")
                .then()
                .body("items[0].restricted", equalTo(true));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SUPPORT))
                .queryParam("email", email.toUpperCase())
                .when()
                .get("/api/contacts/subjects")
                .then()
                .statusCode(200)
                .body("$", hasSize(1))
                .body("[0].personId", equalTo(id))
                .body("[0].restricted", equalTo(true))
                .body("[0]", not(hasKey("firstName")));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .queryParam("email", email)
                .when()
                .get("/api/contacts/subjects")
                .then()
                .statusCode(403);

        CloudEvent restricted = events(id, 2).stream()
                .filter(e -> e.type().equals("contact.person.restriction-changed"))
                .findFirst()
                .orElseThrow();
        assertEquals(true, restricted.data().get("restricted").asBoolean());
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .delete("/api/contacts/persons/" + id + "/restriction")
                .then()
                .statusCode(200)
                .body("restricted", equalTo(false));
    }

    @Test
    void activitiesLoggedAtTheSameTimeDoNotConflictNorInvalidateTheEditorsETag() throws Exception {
        String id = create(DemoUser.DPO, ada("busy." + UUID.randomUUID() + "@example.org"));
        String etag = given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .when()
                .get("/api/contacts/persons/" + id)
                .then()
                .extract()
                .header("ETag");
        String token = Tokens.of(DemoUser.SUPPORT);
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 12; i++) {
                String occurredAt = java.time.Instant.parse("2026-03-01T10:00:00Z")
                        .plusSeconds(60L * i)
                        .toString();
                answers.add(callers.submit(() -> given().auth()
                        .oauth2(token)
                        .contentType(ContentType.JSON)
                        .body(Map.of("type", "NOTE", "subject", "Note", "occurredAt", occurredAt))
                        .when()
                        .post("/api/contacts/persons/" + id + "/activities")
                        .statusCode()));
            }
            for (java.util.concurrent.Future<Integer> answer : answers) {
                assertEquals(201, answer.get());
            }
        } finally {
            callers.shutdown();
        }
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .when()
                .get("/api/contacts/persons/" + id + "/activities")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(12))
                .body("total", equalTo(12));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .queryParam("page", 2)
                .queryParam("size", 5)
                .when()
                .get("/api/contacts/persons/" + id + "/activities")
                .then()
                .statusCode(200)
                .body("items.occurredAt", equalTo(List.of("2026-03-01T10:10:00Z", "2026-03-01T10:11:00Z")))
                .body("page", equalTo(2))
                .body("size", equalTo(5))
                .body("total", equalTo(12));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .when()
                .get("/api/contacts/persons/" + id)
                .then()
                .header("ETag", etag)
                .body("lastActivityAt", equalTo("2026-03-01T10:11:00Z"));
    }

    @Test
    void theDsrSliceExportsEverythingAndErasureAnonymizesPerTheCatalogue() {
        String email = "eve." + UUID.randomUUID() + "@example.org";
        String id = create(DemoUser.DPO, ada(email));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SUPPORT))
                .contentType(ContentType.JSON)
                .body(Map.of("type", "CALL", "subject", "Complaint", "body", "Ada called about her invoice"))
                .when()
                .post("/api/contacts/persons/" + id + "/activities")
                .then()
                .statusCode(201);
        SubjectIds subject = new SubjectIds(List.of(UUID.fromString(id)), List.of(email));

        DsrReply export = dsr.handle(
                UUID.randomUUID().toString(), DsrAction.EXPORT, new DsrCommand(UUID.randomUUID(), subject, List.of()));
        assertEquals(DsrReply.Outcome.DONE, export.outcome());
        String slice = export.slice().toString();
        assertTrue(
                slice.contains("AB-123456")
                        && slice.contains("Ada called about her invoice")
                        && slice.contains("SENSITIVE"),
                slice);

        String command = UUID.randomUUID().toString();
        DsrCommand erase = new DsrCommand(UUID.randomUUID(), subject, List.of());
        assertEquals(
                DsrReply.Outcome.DONE,
                dsr.handle(command, DsrAction.ERASE, erase).outcome());
        assertEquals(
                DsrReply.Outcome.DONE,
                dsr.handle(command, DsrAction.ERASE, erase).outcome());

        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .get("/api/contacts/persons/" + id)
                .then()
                .statusCode(404);
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .queryParam("q", "lovelace")
                .when()
                .get("/api/contacts/persons")
                .then()
                .body("items.id", not(hasItem(id)));
        DsrReply after = dsr.handle(
                UUID.randomUUID().toString(), DsrAction.EXPORT, new DsrCommand(UUID.randomUUID(), subject, List.of()));
        var person = after.slice().get(0).get("person");
        assertEquals("Anonymized", person.get("firstName").asText());
        assertTrue(person.get("lastName").asText().startsWith("pseudonym-"));
        assertTrue(person.get("email").asText().equals("anonymized@example.org"));
        assertTrue(person.get("nationalId").isNull()
                && person.get("healthNotes").isNull()
                && person.get("birthDate").isNull());
        assertEquals("CUSTOMER", person.get("category").asText());
        assertEquals(
                "[erased]",
                after.slice().get(0).get("activities").get(0).get("body").asText());
        assertEquals(
                1,
                events(id, 2).stream()
                        .filter(e -> e.type().equals("contact.person.anonymized"))
                        .count());
    }

    @Test
    void aRectificationCommandSetsThePersonsOwnCorrectionsSealedOnTheBusAndRefusesWhatItWouldNotStore() {
        String email = "rita." + UUID.randomUUID() + "@example.org";
        String id = create(DemoUser.DPO, ada(email));
        SubjectIds subject = new SubjectIds(List.of(UUID.fromString(id)), List.of());
        UUID requestId = UUID.randomUUID();
        // The orchestrator seals the new values under the request's key; the handler opens them.
        DsrCommand command = new DsrCommand(
                requestId,
                subject,
                List.of("contact-service"),
                null,
                SealedFields.requestSubject(requestId),
                requestFields.sealCorrections(requestId, Map.of("city", "Köln", "postalCode", "50667")));
        assertTrue(command.corrections().values().stream().noneMatch(v -> v.contains("Köln")));

        DsrReply done = dsr.handle(UUID.randomUUID().toString(), DsrAction.RECTIFY, command);
        assertEquals(DsrReply.Outcome.DONE, done.outcome());
        person(DemoUser.DPO, id).body("city", equalTo("Köln")).body("postalCode", equalTo("50667"));
        assertTrue(events(id, 2).stream().anyMatch(e -> e.type().equals("contact.person.updated")));

        // A value contact-service does not store, or a field beyond the contact details: held with the reason,
        // nothing changed (retrying would never succeed).
        for (Map<String, String> refused : List.of(Map.of("country", "Deutschland"), Map.of("category", "PROSPECT"))) {
            DsrReply held = dsr.handle(
                    UUID.randomUUID().toString(),
                    DsrAction.RECTIFY,
                    new DsrCommand(UUID.randomUUID(), subject, List.of(), null, null, refused));
            assertEquals(DsrReply.Outcome.HELD, held.outcome(), refused.toString());
        }
        person(DemoUser.DPO, id).body("country", equalTo("GB")).body("category", equalTo("CUSTOMER"));
    }

    private static ValidatableResponse person(DemoUser user, String id) {
        return given().auth()
                .oauth2(Tokens.of(user))
                .when()
                .get("/api/contacts/persons/" + id)
                .then()
                .statusCode(200);
    }

    private static ValidatableResponse patch(DemoUser user, String id, String etag, Map<String, Object> fields) {
        var request = given().auth()
                .oauth2(Tokens.of(user))
                .contentType("application/merge-patch+json")
                .body(fields);
        if (etag != null) {
            request.header("If-Match", etag);
        }
        return request.when().patch("/api/contacts/persons/" + id).then();
    }

    private List<CloudEvent> events(String personId, int atLeast) {
        List<ConsumerRecord<String, String>> read = KafkaProbe.readUntil(
                prefix + Topics.CONTACT_EVENTS,
                records ->
                        records.stream().filter(r -> personId.equals(r.key())).count() >= atLeast,
                Duration.ofSeconds(30));
        return read.stream()
                .filter(r -> personId.equals(r.key()))
                .map(r -> EventCodec.parse(r.value()))
                .toList();
    }
}
