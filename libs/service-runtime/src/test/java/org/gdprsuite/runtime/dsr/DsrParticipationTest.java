package org.gdprsuite.runtime.dsr;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.DsrBatchCommand;
import org.gdprsuite.events.dsr.DsrBatchReply;
import org.gdprsuite.events.dsr.DsrCommand;
import org.gdprsuite.events.dsr.DsrReply;
import org.gdprsuite.events.dsr.DsrReply.Outcome;
import org.gdprsuite.events.dsr.ParticipantAnnounced;
import org.gdprsuite.events.dsr.SubjectIds;
import org.gdprsuite.events.payload.SealedFields;
import org.gdprsuite.runtime.crypto.RequestFields;
import org.gdprsuite.runtime.crypto.RequestSeal;
import org.gdprsuite.runtime.crypto.SubjectKeys;
import org.gdprsuite.runtime.crypto.TamperedException;
import org.gdprsuite.runtime.internal.dsr.DsrCommandHandler;
import org.gdprsuite.runtime.toy.ToyStore;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The toy participant (ToyParticipant) answers real commands on dsr.commands through the shared wiring. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class DsrParticipationTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String PARTICIPANT = "runtime-test";
    /** The request's key pair, as the orchestrator keeps it; its public key goes out on the commands. */
    private static final RequestSeal.KeyPair KEY = RequestSeal.newKeyPair();

    @Inject
    ToyStore store;

    @Inject
    DsrCommandHandler handler;

    @Inject
    RequestFields fields;

    @Inject
    SubjectKeys keys;

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Test
    void theParticipantAnnouncesItselfWithItsSliceAndActions() {
        List<ConsumerRecord<String, String>> read =
                KafkaProbe.readUntil(replies(), r -> r.stream().anyMatch(rec -> PARTICIPANT.equals(rec.key())), WAIT);
        ParticipantAnnounced announced = read.stream()
                .filter(r -> PARTICIPANT.equals(r.key()))
                .map(r -> EventCodec.parse(r.value()))
                .filter(e -> e.type().equals(EventType.DSR_PARTICIPANT_ANNOUNCED.type()))
                .map(e -> e.dataAs(ParticipantAnnounced.class))
                .findFirst()
                .orElseThrow();
        assertEquals("toy notes", announced.slice());
        assertEquals(List.of(DsrAction.EXPORT, DsrAction.ERASE), announced.actions());
    }

    @Test
    void exportAnswersWithTheSlice() {
        UUID person = personWithNotes("called about invoice", "prefers email");

        DsrReply reply = send(EventType.DSR_EXPORT_REQUESTED, person, 1).get(0);

        assertEquals(Outcome.DONE, reply.outcome());
        assertEquals(DsrAction.EXPORT, reply.action());
        assertEquals(PARTICIPANT, reply.participant());
        assertEquals(
                "[\"called about invoice\",\"prefers email\"]",
                opened(reply).path("notes").toString());
    }

    @Test
    void theSliceTravelsSealedToTheRequestsKeyAndOpensOnlyWithIt() {
        UUID person = personWithNotes("iban NL91ABNA0417164300");

        DsrReply reply = send(EventType.DSR_EXPORT_REQUESTED, person, 1).get(0);

        assertNull(reply.slice(), "no slice in clear");
        assertTrue(RequestSeal.isSealed(reply.sealedSlice()), String.valueOf(reply.sealedSlice()));
        assertFalse(rawReplies(reply.commandId()).contains("NL91ABNA"), "the record holds nothing in clear");
        assertThrows(
                TamperedException.class,
                () -> RequestSeal.open(
                        RequestSeal.newKeyPair(),
                        RequestSeal.sliceContext(reply.requestId(), PARTICIPANT),
                        reply.sealedSlice()));
        assertTrue(opened(reply).toString().contains("NL91ABNA"));
    }

    @Test
    void anExportCommandWithoutAKeyIsAnsweredFailedWithoutTheSlice() {
        UUID person = personWithNotes("iban DE89370400440532013000");
        UUID requestId = UUID.randomUUID();
        CloudEvent command = CloudEvent.of(
                "erasure-service",
                EventType.DSR_EXPORT_REQUESTED,
                requestId.toString(),
                new DsrCommand(requestId, new SubjectIds(List.of(person), List.of()), List.of(PARTICIPANT)));
        DsrReply reply = replyTo(command);

        assertEquals(Outcome.FAILED, reply.outcome());
        assertNull(reply.slice());
        assertNull(reply.sealedSlice());
        assertFalse(rawReplies(command.id()).contains("DE89"), "nothing of the slice on the bus");
    }

    @Test
    void sealedEmailsOpenForTheParticipantUntilTheRequestsKeyIsDestroyed() {
        UUID requestId = UUID.randomUUID();
        String email = "sealed." + requestId + "@example.org";
        SubjectIds sealed = fields.seal(requestId, new SubjectIds(List.of(), List.of(email)));
        assertFalse(sealed.toString().contains(email), "sealed on the bus");
        DsrCommand command =
                new DsrCommand(requestId, sealed, List.of(PARTICIPANT), null, SealedFields.requestSubject(requestId));

        DsrReply done = replyTo(
                CloudEvent.of("erasure-service", EventType.DSR_ERASURE_REQUESTED, requestId.toString(), command));
        assertEquals(Outcome.DONE, done.outcome());
        assertTrue(store.effects("erase-email").contains(email), "the participant got the address in clear");

        keys.destroy(SealedFields.requestSubject(requestId));
        DsrReply late = replyTo(
                CloudEvent.of("erasure-service", EventType.DSR_ERASURE_REQUESTED, requestId.toString(), command));
        assertEquals(Outcome.FAILED, late.outcome(), "closed: nothing opens, nothing is done");
        assertEquals(
                1, store.effects("erase-email").stream().filter(email::equals).count());
    }

    /** Sends a command and waits for its reply. */
    private DsrReply replyTo(CloudEvent command) {
        KafkaProbe.send(
                prefix + Topics.DSR_COMMANDS, List.of(Map.entry(command.subject(), EventCodec.toJson(command))));
        return KafkaProbe.readUntil(replies(), r -> repliesTo(r, command.id()).size() >= 1, WAIT).stream()
                .map(r -> EventCodec.parse(r.value()))
                .filter(e -> e.type().equals(EventType.DSR_REPLY.type()))
                .map(e -> e.dataAs(DsrReply.class))
                .filter(r -> command.id().equals(r.commandId()))
                .findFirst()
                .orElseThrow();
    }

    private static com.fasterxml.jackson.databind.JsonNode opened(DsrReply reply) {
        byte[] plain = RequestSeal.open(
                KEY, RequestSeal.sliceContext(reply.requestId(), reply.participant()), reply.sealedSlice());
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(plain);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The raw records of dsr.replies answering a command, as any reader of the topic sees them. */
    private String rawReplies(String commandId) {
        return KafkaProbe.awaitRecords(
                        replies(), r -> r.stream().anyMatch(rec -> rec.value().contains(commandId)), WAIT)
                .stream()
                .map(ConsumerRecord::value)
                .filter(v -> v.contains(commandId))
                .reduce("", String::concat);
    }

    @Test
    void aDuplicateEraseCommandIsAnsweredAgainWithoutASecondEffect() {
        UUID person = personWithNotes("home address is ...");

        List<DsrReply> replies = send(EventType.DSR_ERASURE_REQUESTED, person, 2);

        assertEquals(2, replies.size(), "answered twice");
        assertTrue(replies.stream().allMatch(r -> r.outcome() == Outcome.DONE));
        assertEquals(List.of(), store.notes(person), "the slice is anonymized");
        assertEquals(
                1,
                store.effects("erase").stream()
                        .filter(person.toString()::equals)
                        .count(),
                "one effect");
    }

    @Test
    void aSliceUnderLegalHoldIsHeldWithTheReason() {
        UUID person = personWithNotes("legal hold");

        DsrReply reply = send(EventType.DSR_ERASURE_REQUESTED, person, 1).get(0);

        assertEquals(Outcome.HELD, reply.outcome());
        assertTrue(reply.legalReason().startsWith("Art. 17(3)(b)"));
        assertEquals(List.of("legal hold"), store.notes(person), "nothing erased");
    }

    @Test
    void erasuresArrivingTogetherAreErasedTogetherEachAnsweredOnItsOwnAndACopyOnce() {
        UUID first = personWithNotes("likes golf");
        UUID held = personWithNotes("legal hold");
        UUID third = personWithNotes("two kids");
        UUID before = personWithNotes("erased before");
        DsrCommandHandler.Received answeredBefore = erasure(before);
        DsrReply earlier = handler.handleErasures(List.of(answeredBefore)).get(0);
        DsrCommandHandler.Received one = erasure(first);
        List<DsrCommandHandler.Received> together = List.of(one, erasure(held), answeredBefore, one, erasure(third));

        List<DsrReply> replies = handler.handleErasures(together);

        assertEquals(
                together.stream().map(c -> c.command().requestId()).toList(),
                replies.stream().map(DsrReply::requestId).toList(),
                "one reply per command received, copies included, in order");
        assertEquals(
                List.of(Outcome.DONE, Outcome.HELD, Outcome.DONE, Outcome.DONE, Outcome.DONE),
                replies.stream().map(DsrReply::outcome).toList());
        assertEquals(earlier, replies.get(2), "the command answered before gets its remembered reply");
        assertEquals(replies.get(0), replies.get(3), "the copy gets the same reply");
        assertEquals(
                List.of(first + "," + held + "," + third),
                store.effects("erase-all").stream()
                        .filter(run -> run.contains(first.toString()))
                        .toList(),
                "the fresh subjects erased together, each once");
        assertEquals(List.of(), store.notes(first));
        assertEquals(List.of("legal hold"), store.notes(held), "the held slice is kept");
        assertEquals(List.of(), store.notes(third));
        assertEquals(
                1,
                store.effects("erase").stream().filter(first.toString()::equals).count(),
                "one effect");
        assertEquals(
                1,
                store.effects("erase").stream()
                        .filter(before.toString()::equals)
                        .count(),
                "one effect");
    }

    private static DsrCommandHandler.Received erasure(UUID person) {
        UUID requestId = UUID.randomUUID();
        return new DsrCommandHandler.Received(
                UUID.randomUUID().toString(),
                new DsrCommand(requestId, new SubjectIds(List.of(person), List.of()), List.of(PARTICIPANT)));
    }

    @Test
    void aBatchIsErasedInOneCommandWithAnOutcomePerRequestAndALegalHoldHeldOnItsOwn() {
        UUID first = personWithNotes("likes golf");
        UUID held = personWithNotes("legal hold");
        UUID third = personWithNotes("two kids", "vegetarian");
        List<UUID> requests = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        DsrBatchCommand batch = new DsrBatchCommand(
                UUID.randomUUID(),
                List.of(
                        new DsrBatchCommand.Subject(requests.get(0), new SubjectIds(List.of(first), List.of())),
                        new DsrBatchCommand.Subject(requests.get(1), new SubjectIds(List.of(held), List.of())),
                        new DsrBatchCommand.Subject(requests.get(2), new SubjectIds(List.of(third), List.of()))),
                List.of(PARTICIPANT));

        List<DsrBatchReply> replies = sendBatch(batch, 2);

        assertEquals(2, replies.size(), "answered twice");
        assertEquals(replies.get(0), replies.get(1), "the redelivered command is answered with the same reply");
        DsrBatchReply reply = replies.get(0);
        assertEquals(PARTICIPANT, reply.participant());
        assertEquals(
                requests,
                reply.outcomes().stream()
                        .map(DsrBatchReply.SubjectOutcome::requestId)
                        .toList());
        assertEquals(
                List.of(Outcome.DONE, Outcome.HELD, Outcome.DONE),
                reply.outcomes().stream()
                        .map(DsrBatchReply.SubjectOutcome::outcome)
                        .toList());
        assertTrue(reply.outcomes().get(1).legalReason().startsWith("Art. 17(3)(b)"));
        assertEquals(List.of(), store.notes(first));
        assertEquals(List.of("legal hold"), store.notes(held), "the held slice is kept");
        assertEquals(List.of(), store.notes(third));
        List<String> erased = store.effects("erase");
        assertEquals(1, erased.stream().filter(first.toString()::equals).count(), "one effect, not two");
        assertEquals(1, erased.stream().filter(third.toString()::equals).count(), "one effect, not two");
    }

    private List<DsrBatchReply> sendBatch(DsrBatchCommand batch, int times) {
        CloudEvent command = CloudEvent.of(
                "erasure-service",
                EventType.DSR_ERASURE_BATCH_REQUESTED,
                batch.batchId().toString(),
                batch);
        String json = EventCodec.toJson(command);
        for (int i = 0; i < times; i++) {
            KafkaProbe.send(
                    prefix + Topics.DSR_COMMANDS,
                    List.of(Map.entry(batch.batchId().toString(), json)));
        }
        List<ConsumerRecord<String, String>> read = KafkaProbe.readUntil(
                replies(), r -> batchRepliesTo(r, command.id()).size() >= times, WAIT);
        return batchRepliesTo(read, command.id());
    }

    private static List<DsrBatchReply> batchRepliesTo(List<ConsumerRecord<String, String>> records, String commandId) {
        return records.stream()
                .map(r -> EventCodec.parse(r.value()))
                .filter(e -> e.type().equals(EventType.DSR_BATCH_REPLY.type()))
                .map(e -> e.dataAs(DsrBatchReply.class))
                .filter(r -> commandId.equals(r.commandId()))
                .toList();
    }

    private UUID personWithNotes(String... notes) {
        UUID person = UUID.randomUUID();
        QuarkusTransaction.requiringNew().run(() -> {
            for (String note : notes) {
                store.addNote(person, note);
            }
        });
        return person;
    }

    /** Sends one command {@code times} times (same event id) and returns the replies to it. */
    private List<DsrReply> send(EventType type, UUID person, int times) {
        UUID requestId = UUID.randomUUID();
        CloudEvent command = CloudEvent.of(
                "erasure-service",
                type,
                requestId.toString(),
                new DsrCommand(
                        requestId, new SubjectIds(List.of(person), List.of()), List.of(PARTICIPANT), KEY.publicKey()));
        String json = EventCodec.toJson(command);
        for (int i = 0; i < times; i++) {
            KafkaProbe.send(prefix + Topics.DSR_COMMANDS, List.of(Map.entry(requestId.toString(), json)));
        }
        List<ConsumerRecord<String, String>> read =
                KafkaProbe.readUntil(replies(), r -> repliesTo(r, command.id()).size() >= times, WAIT);
        return repliesTo(read, command.id());
    }

    private static List<DsrReply> repliesTo(List<ConsumerRecord<String, String>> records, String commandId) {
        return records.stream()
                .map(r -> EventCodec.parse(r.value()))
                .filter(e -> e.type().equals(EventType.DSR_REPLY.type()))
                .map(e -> e.dataAs(DsrReply.class))
                .filter(r -> commandId.equals(r.commandId()))
                .toList();
    }

    private String replies() {
        return prefix + Topics.DSR_REPLIES;
    }
}
