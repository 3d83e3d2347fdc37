package org.gdprsuite.erasure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.DsrBatchCommand;
import org.gdprsuite.events.dsr.DsrBatchReply;
import org.gdprsuite.events.dsr.DsrCommand;
import org.gdprsuite.events.dsr.DsrReply;
import org.gdprsuite.events.dsr.ParticipantAnnounced;
import org.gdprsuite.runtime.crypto.RequestSeal;
import org.gdprsuite.testsupport.KafkaProbe;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Participants as the orchestrator meets them, on Kafka: they announce themselves on dsr.replies, read
 * commands from dsr.commands and answer there. The tests play them, so every answer is chosen.
 */
record Participants(String prefix) {

    static final Duration WAIT = Duration.ofSeconds(30);

    void announce(String name, DsrAction... actions) {
        CloudEvent event = CloudEvent.of(
                name,
                EventType.DSR_PARTICIPANT_ANNOUNCED,
                name,
                new ParticipantAnnounced(name, "1.0", name + " slice", List.of(actions)));
        KafkaProbe.send(prefix + Topics.DSR_REPLIES, name, EventCodec.toJson(event));
    }

    /** alpha-service (export, erase) and beta-service (also restrict) announced, once the orchestrator knows them. */
    void announceAlphaAndBeta() {
        announce("alpha-service", DsrAction.EXPORT, DsrAction.ERASE);
        announce("beta-service", DsrAction.EXPORT, DsrAction.ERASE, DsrAction.RESTRICT);
        org.awaitility.Awaitility.await()
                .atMost(WAIT)
                .until(() -> io.restassured.RestAssured.given()
                                .auth()
                                .oauth2(org.gdprsuite.testsupport.Tokens.of(org.gdprsuite.testsupport.DemoUser.DPO))
                                .get("/api/requests/participants")
                                .then()
                                .extract()
                                .jsonPath()
                                .getInt("total")
                        >= 2);
    }

    /** The commands sent for a request so far (waits until there are {@code atLeast}). */
    List<CloudEvent> commands(UUID requestId, int atLeast) {
        List<ConsumerRecord<String, String>> read = KafkaProbe.readUntil(
                prefix + Topics.DSR_COMMANDS,
                records -> records.stream()
                                .filter(r -> requestId.toString().equals(r.key()))
                                .count()
                        >= atLeast,
                WAIT);
        return read.stream()
                .filter(r -> requestId.toString().equals(r.key()))
                .map(r -> EventCodec.parse(r.value()))
                .toList();
    }

    /** The records of a request (its id as key) on a topic so far (waits until there are {@code atLeast}). */
    List<ConsumerRecord<String, String>> records(String topic, UUID requestId, int atLeast) {
        return KafkaProbe.awaitRecords(
                        prefix + topic,
                        r -> r.stream()
                                        .filter(rec -> requestId.toString().equals(rec.key()))
                                        .count()
                                >= atLeast,
                        WAIT)
                .stream()
                .filter(r -> requestId.toString().equals(r.key()))
                .toList();
    }

    /** The batch commands naming a person so far (waits until there are {@code atLeast}). */
    List<CloudEvent> batchCommands(UUID person, int atLeast) {
        java.util.function.Predicate<ConsumerRecord<String, String>> naming =
                r -> r.value().contains(person.toString())
                        && r.value().contains(EventType.DSR_ERASURE_BATCH_REQUESTED.type());
        List<ConsumerRecord<String, String>> read = KafkaProbe.readUntil(
                prefix + Topics.DSR_COMMANDS,
                records -> records.stream().filter(naming).count() >= atLeast,
                WAIT);
        return read.stream()
                .filter(naming)
                .map(r -> EventCodec.parse(r.value()))
                .toList();
    }

    /** Answers a batch command: every request done, except those given another outcome (held: with the reason). */
    String batchReply(
            CloudEvent command, String participant, Map<UUID, DsrReply.Outcome> exceptions, String legalReason) {
        DsrBatchCommand batch = command.dataAs(DsrBatchCommand.class);
        List<DsrBatchReply.SubjectOutcome> outcomes = batch.subjects().stream()
                .map(s -> {
                    DsrReply.Outcome outcome = exceptions.getOrDefault(s.requestId(), DsrReply.Outcome.DONE);
                    return new DsrBatchReply.SubjectOutcome(
                            s.requestId(),
                            outcome,
                            outcome == DsrReply.Outcome.HELD ? legalReason : null,
                            outcome == DsrReply.Outcome.FAILED ? "boom" : null);
                })
                .toList();
        CloudEvent reply = CloudEvent.of(
                participant,
                EventType.DSR_BATCH_REPLY,
                batch.batchId().toString(),
                new DsrBatchReply(batch.batchId(), command.id(), DsrAction.ERASE, participant, outcomes));
        String json = EventCodec.toJson(reply);
        KafkaProbe.send(prefix + Topics.DSR_REPLIES, batch.batchId().toString(), json);
        return json;
    }

    /** Answers a command; a slice goes sealed to the command's key, as the library's participants send it. */
    String reply(CloudEvent command, String participant, DsrReply.Outcome outcome, JsonNode slice, String legalReason) {
        UUID requestId = UUID.fromString(command.subject());
        DsrAction action = DsrAction.of(EventType.byType(command.type()).orElseThrow());
        String sealingKey = command.dataAs(DsrCommand.class).sealingKey();
        String sealed = slice == null || sealingKey == null
                ? null
                : RequestSeal.seal(
                        sealingKey,
                        RequestSeal.sliceContext(requestId, participant),
                        slice.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        CloudEvent reply = CloudEvent.of(
                participant,
                EventType.DSR_REPLY,
                requestId.toString(),
                new DsrReply(
                        requestId,
                        command.id(),
                        action,
                        participant,
                        outcome,
                        legalReason,
                        outcome == DsrReply.Outcome.FAILED ? "boom" : null,
                        sealed == null ? slice : null,
                        sealed));
        String json = EventCodec.toJson(reply);
        KafkaProbe.send(prefix + Topics.DSR_REPLIES, requestId.toString(), json);
        return json;
    }
}
