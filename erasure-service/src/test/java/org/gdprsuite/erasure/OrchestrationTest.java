package org.gdprsuite.erasure;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.erasure.export.Exports;
import org.gdprsuite.erasure.replies.Replies;
import org.gdprsuite.erasure.replies.Retries;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.DsrBatchCommand;
import org.gdprsuite.events.dsr.DsrCommand;
import org.gdprsuite.events.dsr.DsrReply;
import org.gdprsuite.events.dsr.DsrReply.Outcome;
import org.gdprsuite.events.payload.NotificationRequested;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.MovableClock;
import org.gdprsuite.testsupport.PublicForm;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.gdprsuite.erasure.Requests.audit;
import static org.gdprsuite.erasure.Requests.create;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DSR orchestrator against real Kafka and PostgreSQL, with two participants played by the test on Kafka. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class OrchestrationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Inject
    MovableClock clock;

    @Inject
    Retries retries;

    @Inject
    Exports exports;

    @Inject
    Replies replies;

    private Participants participants;

    @BeforeEach
    void participantsAnnounced() {
        participants = new Participants(prefix);
        participants.announce("alpha-service", DsrAction.EXPORT, DsrAction.ERASE);
        participants.announce("beta-service", DsrAction.EXPORT, DsrAction.ERASE, DsrAction.RESTRICT);
        awaitParticipants();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anAccessRequestIsApprovedByTheDpoAndItsExportAssembledFromEverySliceAndDownloadedOnce() {
        String email = "ada." + UUID.randomUUID() + "@example.org";
        UUID person = UUID.randomUUID();
        TestBeans.KnownSubjects.BY_EMAIL.put(email, List.of(person));
        UUID id = create(DemoUser.SUPPORT, Map.of("type", "ACCESS", "email", email));
        request(id).body("status", equalTo("VERIFIED"));

        given().auth()
                .oauth2(Tokens.of(DemoUser.SUPPORT))
                .when()
                .post("/api/requests/" + id + "/approval")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .post("/api/requests/" + id + "/approval")
                .then()
                .statusCode(200)
                .body("status", equalTo("IN_PROGRESS"))
                .body("personIds", equalTo(List.of(person.toString())))
                .body("participants.participant", equalTo(List.of("alpha-service", "beta-service")));

        CloudEvent command = participants.commands(id, 1).get(0);
        assertEquals("dsr.export.requested", command.type());
        DsrCommand sent = command.dataAs(DsrCommand.class);
        assertEquals(List.of(person), sent.subject().personIds());
        assertTrue(sent.participants().containsAll(List.of("alpha-service", "beta-service")));

        participants.reply(
                command,
                "alpha-service",
                Outcome.DONE,
                JsonNodeFactory.instance.objectNode().put("name", "Ada"),
                null);
        awaitAudit(id, "participant done");
        request(id).body("status", equalTo("IN_PROGRESS"));
        participants.reply(
                command,
                "beta-service",
                Outcome.DONE,
                JsonNodeFactory.instance.objectNode().put("consents", 2),
                null);
        awaitStatus(id, "COMPLETED");

        NotificationRequested ready = mail(email, "dsr.export-ready");
        URI link = URI.create(ready.parameters().get("downloadLink"));
        assertTrue(
                link.toString().startsWith("http://127.0.0.1:8080/public/requests/download?token="), link.toString());
        String token = link.getQuery().substring("token=".length());
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        given().queryParam("token", tampered)
                .when()
                .get("/public/requests/download")
                .then()
                .statusCode(403);
        // Opening the link shows the page and spends nothing; its button's post brings the file, once.
        given().queryParam("token", token)
                .when()
                .get("/public/requests/download")
                .then()
                .statusCode(200)
                .body(containsString("name=\"token\""));
        given().accept(ContentType.JSON)
                .formParam("token", token)
                .when()
                .post("/public/requests/download")
                .then()
                .statusCode(200)
                .body("slices.alpha-service.name", equalTo("Ada"))
                .body("slices.beta-service.consents", equalTo(2))
                .body("requestId", equalTo(id.toString()));
        given().formParam("token", token)
                .when()
                .post("/public/requests/download")
                .then()
                .statusCode(410);
        given().queryParam("token", token)
                .when()
                .get("/public/requests/download")
                .then()
                .statusCode(410);

        clock.advance(Duration.ofDays(8));
        given().queryParam("token", token)
                .when()
                .get("/public/requests/download")
                .then()
                .statusCode(403);
        mail(email, "dsr.completed");
        exports.purgeExpired();
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .get("/api/requests/" + id + "/export")
                .then()
                .statusCode(404);
        assertTrue(audit(id).contains("export purged"));
    }

    @Test
    void anErasureCompletesOnlyWhenEveryParticipantAnsweredAndAHeldSliceMakesItPartial() {
        UUID person = UUID.randomUUID();
        UUID id = create(DemoUser.DPO, Map.of("type", "ERASURE", "personIds", List.of(person)));
        approve(id);
        CloudEvent command = participants.commands(id, 1).get(0);
        assertEquals("dsr.erasure.requested", command.type());

        String done = participants.reply(command, "alpha-service", Outcome.DONE, null, null);
        KafkaProbe.send(prefix + Topics.DSR_REPLIES, id.toString(), done);
        participants.reply(command, "alpha-service", Outcome.DONE, null, null);
        awaitAudit(id, "participant done");
        request(id).body("status", equalTo("IN_PROGRESS"));

        participants.reply(command, "beta-service", Outcome.HELD, null, "Art. 17(3)(b): invoices kept 10 years");
        awaitStatus(id, "PARTIALLY_COMPLETED");
        request(id)
                .body(
                        "participants.find { it.participant == 'beta-service' }.legalReason",
                        equalTo("Art. 17(3)(b): invoices kept 10 years"));
        long doneEntries = audit(id).stream().filter("participant done"::equals).count();
        assertEquals(1, doneEntries, "a replayed or duplicate reply changes nothing");
    }

    @Test
    void aSilentParticipantIsAskedAgainThenTimesOutAndTheRequestIsEscalated() {
        UUID id = create(DemoUser.DPO, Map.of("type", "ERASURE", "personIds", List.of(UUID.randomUUID())));
        approve(id);
        CloudEvent first = participants.commands(id, 1).get(0);
        participants.reply(first, "alpha-service", Outcome.DONE, null, null);
        awaitAudit(id, "participant done");

        clock.advance(Duration.ofMinutes(2));
        retries.retryDue();
        List<CloudEvent> commands = participants.commands(id, 2);
        assertEquals(
                List.of("beta-service"),
                commands.get(1).dataAs(DsrCommand.class).participants());
        request(id).body("participants.find { it.participant == 'beta-service' }.attempts", equalTo(2));

        clock.advance(Duration.ofMinutes(5));
        retries.retryDue();
        request(id)
                .body("status", equalTo("IN_PROGRESS"))
                .body("escalatedAt", org.hamcrest.Matchers.notNullValue())
                .body("participants.find { it.participant == 'beta-service' }.status", equalTo("TIMED_OUT"));
        assertTrue(audit(id).contains("escalated"));

        participants.reply(commands.get(1), "beta-service", Outcome.DONE, null, null);
        awaitStatus(id, "COMPLETED");
    }

    @Test
    void aFailedSliceIsRetried() {
        UUID id = create(DemoUser.DPO, Map.of("type", "ERASURE", "personIds", List.of(UUID.randomUUID())));
        approve(id);
        CloudEvent first = participants.commands(id, 1).get(0);
        participants.reply(first, "alpha-service", Outcome.FAILED, null, null);
        participants.reply(first, "beta-service", Outcome.DONE, null, null);
        awaitAudit(id, "participant failed");

        clock.advance(Duration.ofMinutes(2));
        retries.retryDue();
        CloudEvent second = participants.commands(id, 2).get(1);
        assertEquals(List.of("alpha-service"), second.dataAs(DsrCommand.class).participants());
        participants.reply(second, "alpha-service", Outcome.DONE, null, null);
        awaitStatus(id, "COMPLETED");
    }

    @Test
    void repliesArrivingTogetherAreAnsweredAsIfOneByOne() {
        UUID a = create(DemoUser.DPO, Map.of("type", "ERASURE", "personIds", List.of(UUID.randomUUID())));
        UUID b = create(DemoUser.DPO, Map.of("type", "ERASURE", "personIds", List.of(UUID.randomUUID())));
        approve(a);
        approve(b);
        CloudEvent toA = participants.commands(a, 1).get(0);
        CloudEvent toB = participants.commands(b, 1).get(0);

        // One poll's replies: a failure answered later in the same poll, a held slice and a copy.
        replies.replied(List.of(
                reply(toA, "alpha-service", Outcome.FAILED, null),
                reply(toB, "alpha-service", Outcome.DONE, null),
                reply(toA, "alpha-service", Outcome.DONE, null),
                reply(toA, "beta-service", Outcome.DONE, null),
                reply(toB, "beta-service", Outcome.HELD, "Art. 17(3)(b): invoices kept 10 years"),
                reply(toB, "alpha-service", Outcome.DONE, null)));

        request(a).body("status", equalTo("COMPLETED"));
        assertEquals(
                List.of("participant failed", "participant done", "participant done", "completed"),
                audit(a).stream()
                        .filter(action -> action.startsWith("participant") || action.equals("completed"))
                        .toList());
        request(b)
                .body("status", equalTo("PARTIALLY_COMPLETED"))
                .body(
                        "participants.find { it.participant == 'beta-service' }.legalReason",
                        equalTo("Art. 17(3)(b): invoices kept 10 years"));
        assertEquals(1, audit(b).stream().filter("participant done"::equals).count(), "a copy changes nothing");
    }

    private static DsrReply reply(CloudEvent command, String participant, Outcome outcome, String legalReason) {
        return new DsrReply(
                UUID.fromString(command.subject()),
                command.id(),
                DsrAction.ERASE,
                participant,
                outcome,
                legalReason,
                outcome == Outcome.FAILED ? "boom" : null,
                null,
                null);
    }

    @Test
    void aRequestRejectedInProgressIsNeverAskedAgain() {
        UUID id = create(DemoUser.DPO, Map.of("type", "ERASURE", "personIds", List.of(UUID.randomUUID())));
        approve(id);
        CloudEvent first = participants.commands(id, 1).get(0);
        participants.reply(first, "alpha-service", Outcome.FAILED, null, null);
        awaitAudit(id, "participant failed");
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .contentType("application/json")
                .body(Map.of("reason", "The subject withdrew the request."))
                .when()
                .post("/api/requests/" + id + "/rejection")
                .then()
                .statusCode(200)
                .body("status", equalTo("REJECTED"));

        clock.advance(Duration.ofMinutes(10));
        retries.retryDue();
        request(id)
                .body("status", equalTo("REJECTED"))
                .body("participants.find { it.participant == 'alpha-service' }.attempts", equalTo(1))
                .body("participants.find { it.participant == 'beta-service' }.attempts", equalTo(1))
                .body("escalatedAt", org.hamcrest.Matchers.nullValue());
        assertFalse(audit(id).contains("asked again"), "a rejected erasure is not sent again: " + audit(id));
    }

    @Test
    void thePortalVerifiesTheAddressAndLinksADuplicate() {
        String email = "portal." + UUID.randomUUID() + "@example.org";
        Response form = given().when().get("/public/requests");
        form.then().statusCode(200).body(containsString("<label for=\"email\">"));
        PublicForm portal = PublicForm.of(form);
        String page = portal.on(given())
                .formParam("type", "ERASURE")
                .formParam("email", email)
                .formParam("details", "<b>please</b>")
                .when()
                .post("/public/requests")
                .then()
                .statusCode(200)
                .body(containsString("We have sent a code"))
                .extract()
                .asString();
        UUID id = UUID.fromString(page.replaceAll("(?s).*/public/requests/([0-9a-f-]{36})/verification.*", "$1"));
        NotificationRequested verification = mail(email, "dsr.verification");
        assertEquals(null, verification.personId());
        request(id).body("status", equalTo("RECEIVED")).body("origin", equalTo("PORTAL"));

        portal.on(given())
                .formParam("code", "000000".equals(verification.parameters().get("code")) ? "111111" : "000000")
                .when()
                .post("/public/requests/" + id + "/verification")
                .then()
                .statusCode(400)
                .body(containsString("not valid"));
        portal.on(given())
                .formParam("code", verification.parameters().get("code"))
                .when()
                .post("/public/requests/" + id + "/verification")
                .then()
                .statusCode(200)
                .body(containsString("Your address is confirmed"));
        request(id).body("status", equalTo("VERIFIED"));

        String again = portal.on(given())
                .formParam("type", "ERASURE")
                .formParam("email", email.toUpperCase())
                .when()
                .post("/public/requests")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        UUID second = UUID.fromString(again.replaceAll("(?s).*/public/requests/([0-9a-f-]{36})/verification.*", "$1"));
        String link = mails(email, "dsr.verification").stream()
                .filter(m -> !m.parameters()
                        .get("code")
                        .equals(verification.parameters().get("code")))
                .findFirst()
                .orElseThrow()
                .parameters()
                .get("verifyLink");
        String token = URI.create(link).getQuery().substring("token=".length());
        // Opening the link (as a mail scanner does) proves nothing: a page whose button posts the token.
        for (int i = 0; i < 2; i++) {
            given().queryParam("token", token)
                    .when()
                    .get("/public/requests/verify")
                    .then()
                    .statusCode(200)
                    .header("Cache-Control", "no-store")
                    .body(containsString("method=\"post\""))
                    .body(containsString("action=\"/public/requests/verify\""));
        }
        request(second).body("status", equalTo("RECEIVED"));
        portal.on(given())
                .formParam("token", token)
                .when()
                .post("/public/requests/verify")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body(containsString("Your address is confirmed"));
        portal.on(given())
                .formParam("token", token)
                .when()
                .post("/public/requests/verify")
                .then()
                .statusCode(410);
        given().queryParam("token", token)
                .when()
                .get("/public/requests/verify")
                .then()
                .statusCode(410);
        request(second).body("status", equalTo("REJECTED")).body("duplicateOf", equalTo(id.toString()));

        portal.on(given())
                .formParam("type", "WISHES")
                .formParam("email", "nope")
                .when()
                .post("/public/requests")
                .then()
                .statusCode(400)
                .body(containsString("Please choose"))
                .body(not(containsString("nope\"")));
    }

    @Test
    void dueDatesAreAMonthAndAnExtensionOfAtMostTwoMoreIsRecordedAndTold() {
        String email = "slow." + UUID.randomUUID() + "@example.org";
        UUID id = create(DemoUser.SUPPORT, Map.of("type", "RECTIFICATION", "email", email));
        String received = request(id).extract().path("receivedAt");
        String due = request(id).extract().path("dueAt");
        assertEquals(
                Instant.parse(received)
                        .atZone(java.time.ZoneOffset.UTC)
                        .plusMonths(1)
                        .toInstant(),
                Instant.parse(due));

        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .contentType(ContentType.JSON)
                .body(Map.of("months", 1, "reason", "Many systems to check"))
                .when()
                .post("/api/requests/" + id + "/extension")
                .then()
                .statusCode(200)
                .body("extendedMonths", equalTo(1));
        assertEquals(
                "Many systems to check",
                mail(email, "dsr.extended").parameters().get("reason"));
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .contentType(ContentType.JSON)
                .body(Map.of("months", 2, "reason", "more"))
                .when()
                .post("/api/requests/" + id + "/extension")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");

        clock.advance(Duration.ofDays(65));
        given().auth()
                .oauth2(Tokens.of(DemoUser.SUPPORT))
                .queryParam("overdue", true)
                .queryParam("size", 500)
                .when()
                .get("/api/requests")
                .then()
                .body("items.id", hasItem(id.toString()));
        approve(id);
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .post("/api/requests/" + id + "/completion")
                .then()
                .statusCode(200)
                .body("status", equalTo("COMPLETED"))
                .body("overdue", equalTo(false));
        assertEquals(List.of("received", "extended", "approved", "completed"), audit(id));
    }

    @Test
    void aRetentionSweepIsErasedAsOneBatchWithARequestPerPersonAndALegalHoldHeldOnItsOwn() {
        List<UUID> persons = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        UUID policy = RetentionPolicies.approved(RetentionPolicies.INACTIVE_SUPPLIERS);
        CloudEvent matched = RetentionPolicies.sweep(prefix, policy, RetentionPolicies.INACTIVE_SUPPLIERS, persons);
        KafkaProbe.send(prefix + Topics.CONTACT_EVENTS, matched.subject(), EventCodec.toJson(matched)); // redelivered

        CloudEvent command = participants.batchCommands(persons.get(0), 1).get(0);
        DsrBatchCommand batch = command.dataAs(DsrBatchCommand.class);
        assertEquals(
                Set.copyOf(persons),
                batch.subjects().stream()
                        .flatMap(s -> s.subject().personIds().stream())
                        .collect(Collectors.toSet()));
        assertTrue(batch.participants().containsAll(List.of("alpha-service", "beta-service")));
        Map<UUID, UUID> requestOf = batch.subjects().stream()
                .collect(Collectors.toMap(s -> s.subject().personIds().get(0), DsrBatchCommand.Subject::requestId));
        for (UUID id : requestOf.values()) {
            request(id)
                    .body("origin", equalTo("RETENTION"))
                    .body("status", equalTo("IN_PROGRESS"))
                    .body("approvedBy", equalTo("retention policy"))
                    .body("participants.size()", equalTo(2));
        }

        String done = participants.batchReply(command, "alpha-service", Map.of(), null);
        KafkaProbe.send(prefix + Topics.DSR_REPLIES, batch.batchId().toString(), done); // redelivered
        participants.batchReply(command, "alpha-service", Map.of(), null); // answered twice
        UUID held = requestOf.get(persons.get(1));
        participants.batchReply(command, "beta-service", Map.of(held, Outcome.HELD), "Art. 17(3)(b): invoices kept");

        awaitStatus(held, "PARTIALLY_COMPLETED");
        request(held)
                .body(
                        "participants.find { it.participant == 'beta-service' }.legalReason",
                        equalTo("Art. 17(3)(b): invoices kept"));
        for (UUID person : List.of(persons.get(0), persons.get(2))) {
            UUID id = requestOf.get(person);
            awaitStatus(id, "COMPLETED");
            assertEquals(
                    List.of("received", "approved", "fanned out", "participant done", "participant done", "completed"),
                    audit(id),
                    "every participant confirmed the subject once");
        }
        for (UUID person : persons) {
            List<String> requested = given().auth()
                    .oauth2(Tokens.of(DemoUser.DPO))
                    .queryParam("personId", person)
                    .when()
                    .get("/api/requests")
                    .then()
                    .extract()
                    .jsonPath()
                    .getList("items.personIds.flatten()");
            assertEquals(
                    List.of(person.toString()),
                    requested,
                    "one request per person, however often the sweep was delivered");
        }
    }

    @Test
    void aSilentParticipantIsAskedAgainForTheSubjectsOfABatchItStillOwes() {
        List<UUID> persons = List.of(UUID.randomUUID(), UUID.randomUUID());
        UUID policy = RetentionPolicies.approved(RetentionPolicies.INACTIVE_SUPPLIERS);
        RetentionPolicies.sweep(prefix, policy, RetentionPolicies.INACTIVE_SUPPLIERS, persons);
        CloudEvent first = participants.batchCommands(persons.get(0), 1).get(0);
        UUID failed = first.dataAs(DsrBatchCommand.class).subjects().stream()
                .filter(s -> s.subject().personIds().contains(persons.get(0)))
                .findFirst()
                .orElseThrow()
                .requestId();
        participants.batchReply(first, "alpha-service", Map.of(failed, Outcome.FAILED), null);
        awaitAudit(failed, "participant failed");

        clock.advance(Duration.ofMinutes(2));
        retries.retryDue();
        List<CloudEvent> again = participants.batchCommands(persons.get(0), 3);
        Map<List<String>, DsrBatchCommand> byParticipants = again.subList(1, 3).stream()
                .map(c -> c.dataAs(DsrBatchCommand.class))
                .collect(Collectors.toMap(DsrBatchCommand::participants, c -> c));
        assertEquals(Set.of(List.of("alpha-service"), List.of("beta-service")), byParticipants.keySet());
        assertEquals(
                List.of(failed),
                byParticipants.get(List.of("alpha-service")).subjects().stream()
                        .map(DsrBatchCommand.Subject::requestId)
                        .toList(),
                "only what alpha still owes");
        assertEquals(2, byParticipants.get(List.of("beta-service")).subjects().size());

        for (CloudEvent command : again.subList(1, 3)) {
            String participant =
                    command.dataAs(DsrBatchCommand.class).participants().get(0);
            participants.batchReply(command, participant, Map.of(), null);
        }
        for (DsrBatchCommand.Subject subject :
                first.dataAs(DsrBatchCommand.class).subjects()) {
            awaitStatus(subject.requestId(), "COMPLETED");
        }
    }

    @Test
    void badInputIsAProblemAndRolesAreEnforced() {
        int before = given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .get("/api/requests")
                .then()
                .extract()
                .jsonPath()
                .getInt("total");
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .contentType(ContentType.JSON)
                .body(Map.of("type", "WISHES", "email", "a@b.org"))
                .when()
                .post("/api/requests")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .contentType(ContentType.JSON)
                .body(Map.of("type", "ACCESS"))
                .when()
                .post("/api/requests")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .contentType(ContentType.JSON)
                .body(Map.of("type", "ACCESS", "email", "not-mail"))
                .when()
                .post("/api/requests")
                .then()
                .statusCode(400)
                .body("violations[0].field", containsString("email"));
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .contentType(ContentType.JSON)
                .body(Map.of("type", "ACCESS", "email", "a@b.org", "colour", "red"))
                .when()
                .post("/api/requests")
                .then()
                .statusCode(400);
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .contentType(ContentType.JSON)
                .body(Map.of("type", "ACCESS", "email", "a@b.org"))
                .when()
                .post("/api/requests")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .get("/api/requests/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        int after = given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .get("/api/requests")
                .then()
                .extract()
                .jsonPath()
                .getInt("total");
        assertEquals(before, after);

        UUID id = create(DemoUser.DPO, Map.of("type", "ERASURE", "personIds", List.of(UUID.randomUUID())));
        approve(id);
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .post("/api/requests/" + id + "/approval")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
    }

    private static void approve(UUID id) {
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .post("/api/requests/" + id + "/approval")
                .then()
                .statusCode(200);
    }

    private static io.restassured.response.ValidatableResponse request(UUID id) {
        return given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .get("/api/requests/" + id)
                .then()
                .statusCode(200);
    }

    private static void awaitStatus(UUID id, String status) {
        await(() -> status.equals(request(id).extract().path("status")), "status " + status);
    }

    private static void awaitAudit(UUID id, String action) {
        await(() -> audit(id).contains(action), "audit " + action);
    }

    private void awaitParticipants() {
        await(
                () -> given().auth()
                                .oauth2(Tokens.of(DemoUser.DPO))
                                .when()
                                .get("/api/requests/participants")
                                .then()
                                .extract()
                                .jsonPath()
                                .getInt("total")
                        >= 2,
                "participants announced");
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached in time: " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private List<NotificationRequested> mails(String email, String template) {
        return new Mails(prefix).all(email, template);
    }

    private NotificationRequested mail(String email, String template) {
        return new Mails(prefix).first(email, template);
    }
}
