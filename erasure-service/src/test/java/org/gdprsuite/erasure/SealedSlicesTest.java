package org.gdprsuite.erasure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.erasure.domain.Sql;
import org.gdprsuite.erasure.export.Exports;
import org.gdprsuite.erasure.export.SealedSlices;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.DsrCommand;
import org.gdprsuite.events.dsr.DsrReply;
import org.gdprsuite.events.dsr.DsrReply.Outcome;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.gdprsuite.erasure.Requests.audit;
import static org.gdprsuite.erasure.Requests.create;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Export slices on dsr.replies travel sealed to their request's key, on the real stack: the export assembles as
 * before, the topic holds nothing in clear, and once the request is closed its key is gone, so neither the topic's
 * history nor a replay opens again. A slice in clear is refused.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class SealedSlicesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Inject
    Exports exports;

    @Inject
    SealedSlices sealedSlices;

    @Inject
    Sql sql;

    private Participants participants;

    @BeforeEach
    void participantsAnnounced() {
        participants = new Participants(prefix);
        participants.announceAlphaAndBeta();
    }

    @Test
    void theSlicesTravelSealedTheExportAssemblesAndOnceClosedNothingOpensAgain() {
        UUID id = accessRequest();
        CloudEvent command = participants.commands(id, 1).get(0);
        String sealingKey = command.dataAs(DsrCommand.class).sealingKey();
        assertNotNull(sealingKey, "an export command carries the request's key");

        participants.reply(
                command,
                "alpha-service",
                Outcome.DONE,
                JsonNodeFactory.instance.objectNode().put("iban", "NL91ABNA0417164300"),
                null);
        participants.reply(
                command,
                "beta-service",
                Outcome.DONE,
                JsonNodeFactory.instance.objectNode().put("health", "asthma since 2001"),
                null);
        awaitStatus(id, "COMPLETED");

        String bundle = exports.forDpo(id).toString();
        assertTrue(bundle.contains("NL91ABNA0417164300") && bundle.contains("asthma since 2001"), bundle);
        List<ConsumerRecord<String, String>> onTheTopic = participants.records(Topics.DSR_REPLIES, id, 2);
        for (ConsumerRecord<String, String> record : onTheTopic) {
            assertFalse(record.value().contains("NL91ABNA"), record.value());
            assertFalse(record.value().contains("asthma"), record.value());
            assertTrue(EventCodec.parse(record.value()).dataAs(DsrReply.class).sealedSlice() != null);
        }

        assertTrue(keyDestroyed(id), "closed: the request's private key is destroyed");
        DsrReply replayed = EventCodec.parse(onTheTopic.get(0).value()).dataAs(DsrReply.class);
        assertEquals(
                "slice refused: the request has no open key",
                sealedSlices.refusal(replayed).orElseThrow(),
                "a replayed slice does not open any more");
        onTheTopic.forEach(r -> KafkaProbe.send(prefix + Topics.DSR_REPLIES, r.key(), r.value()));
        assertEquals("COMPLETED", status(id), "a replay changes nothing");
        assertTrue(sealedSlices.sealingKey(id).isEmpty(), "no new key for a closed request");
    }

    @Test
    void aSliceInClearIsRefusedAndTheKeyOfARejectedRequestIsDestroyed() {
        UUID id = accessRequest();
        CloudEvent command = participants.commands(id, 1).get(0);
        CloudEvent clear = CloudEvent.of(
                "alpha-service",
                EventType.DSR_REPLY,
                id.toString(),
                new DsrReply(
                        id,
                        command.id(),
                        DsrAction.EXPORT,
                        "alpha-service",
                        Outcome.DONE,
                        null,
                        null,
                        JsonNodeFactory.instance.objectNode().put("iban", "DE89370400440532013000")));
        KafkaProbe.send(prefix + Topics.DSR_REPLIES, id.toString(), EventCodec.toJson(clear));
        await().atMost(WAIT).until(() -> audit(id).contains("participant failed"));
        assertEquals("IN_PROGRESS", status(id));

        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "identity not proven"))
                .post("/api/requests/" + id + "/rejection")
                .then()
                .statusCode(200);
        exports.purgeExpired(); // the scheduled housekeeping
        assertTrue(keyDestroyed(id), "rejected: the request's private key is destroyed");
    }

    private UUID accessRequest() {
        String email = "sealed." + UUID.randomUUID() + "@example.org";
        TestBeans.KnownSubjects.BY_EMAIL.put(email, List.of(UUID.randomUUID()));
        UUID id = create(DemoUser.DPO, Map.of("type", "ACCESS", "email", email));
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .post("/api/requests/" + id + "/approval")
                .then()
                .statusCode(200);
        return id;
    }

    private boolean keyDestroyed(UUID id) {
        return sql.one(
                        "SELECT private_key IS NULL AND destroyed_at IS NOT NULL FROM dsr_request_key WHERE request_id = ?",
                        rs -> rs.getBoolean(1),
                        id)
                .orElse(false);
    }

    private static String status(UUID id) {
        return given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .get("/api/requests/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("status");
    }

    private static void awaitStatus(UUID id, String status) {
        await().atMost(WAIT).until(() -> status.equals(status(id)));
    }
}
