package org.gdprsuite.erasure;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.DsrReply.Outcome;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.ServiceProcess;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.TestTopics;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The orchestrator is killed (-9) in the middle of an erasure and started again: the request completes
 * from what the database and Kafka kept, with no command sent twice and no answer counted twice. Runs
 * the built jar, so it is an integration test (after package).
 */
class OrchestratorRestartIT {

    private TestTopics topics;
    private ServiceProcess orchestrator;

    @BeforeEach
    void stack() {
        SuiteStack.ensureRunning();
        topics = TestTopics.create();
    }

    @AfterEach
    void stop() {
        if (orchestrator != null) {
            orchestrator.kill();
        }
        topics.delete();
    }

    @Test
    void aKilledOrchestratorCompletesTheRequestAfterRestartWithoutDuplicateEffects() {
        Participants participants = new Participants(topics.prefix());
        participants.announce("alpha-service", DsrAction.EXPORT, DsrAction.ERASE);
        participants.announce("beta-service", DsrAction.EXPORT, DsrAction.ERASE);
        orchestrator = ServiceProcess.start(
                "erasure-service",
                ServiceProcess.freePort(),
                Map.of(
                        "quarkus.profile",
                        "test",
                        "quarkus.flyway.clean-at-start",
                        "true",
                        TestTopics.PREFIX_PROPERTY,
                        topics.prefix()));
        awaitParticipants();

        UUID id = UUID.fromString(api(DemoUser.DPO)
                .contentType(ContentType.JSON)
                .body(Map.of("type", "ERASURE", "personIds", List.of(UUID.randomUUID())))
                .when()
                .post("/api/requests")
                .then()
                .statusCode(201)
                .extract()
                .path("id"));
        api(DemoUser.DPO)
                .when()
                .post("/api/requests/" + id + "/approval")
                .then()
                .statusCode(200);
        CloudEvent command = participants.commands(id, 1).get(0);
        participants.reply(command, "alpha-service", Outcome.DONE, null, null);
        awaitAudit(id, "participant done", 1);

        orchestrator.kill();
        participants.reply(command, "beta-service", Outcome.DONE, null, null);
        participants.reply(command, "alpha-service", Outcome.DONE, null, null);
        orchestrator.restart(Map.of("quarkus.flyway.clean-at-start", "false"));

        await(
                () -> "COMPLETED"
                        .equals(api(DemoUser.DPO)
                                .when()
                                .get("/api/requests/" + id)
                                .then()
                                .extract()
                                .path("status")),
                "completed after the restart");
        List<String> audit = audit(id);
        assertEquals(2, audit.stream().filter("participant done"::equals).count(), audit.toString());
        assertEquals(1, audit.stream().filter("completed"::equals).count(), audit.toString());
        assertEquals(1, participants.commands(id, 1).size(), "no command was sent again");
    }

    private void awaitParticipants() {
        await(
                () -> api(DemoUser.DPO)
                                .when()
                                .get("/api/requests/participants")
                                .then()
                                .extract()
                                .jsonPath()
                                .getList("items.name")
                                .size()
                        >= 2,
                "both participants announced");
    }

    private void awaitAudit(UUID id, String action, int count) {
        await(() -> audit(id).stream().filter(action::equals).count() >= count, "audit " + action);
    }

    private List<String> audit(UUID id) {
        return Requests.audit(api(DemoUser.DPO), id);
    }

    private RequestSpecification api(DemoUser user) {
        return given().port(orchestrator.port()).auth().oauth2(Tokens.of(user));
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached in time: " + what);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
