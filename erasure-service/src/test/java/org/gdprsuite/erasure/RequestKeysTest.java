package org.gdprsuite.erasure;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.erasure.domain.RequestKeys;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.dsr.DsrCommand;
import org.gdprsuite.events.dsr.DsrReply.Outcome;
import org.gdprsuite.events.payload.NotificationRequested;
import org.gdprsuite.events.payload.SealedFields;
import org.gdprsuite.runtime.crypto.RequestFields;
import org.gdprsuite.runtime.crypto.SubjectCipher;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.MovableClock;
import org.gdprsuite.testsupport.PublicForm;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.gdprsuite.erasure.Requests.audit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A request's mails travel sealed under a key of the request, on the real stack: the verification mail opens to the
 * code that verifies the request, and the last mail still opens within the grace after closing; once the key is
 * destroyed, no record of the request on notification.requests holds the address, the code or a link in clear, and
 * none opens. The portal's rate limit is PortalTest's own budget (same profile, same application).
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
@TestProfile(PortalTest.OwnRateLimit.class)
class RequestKeysTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @ConfigProperty(name = "gdpr.erasure.closed-key-grace")
    Duration grace;

    @Inject
    RequestKeys keys;

    @Inject
    RequestFields fields;

    @Inject
    SubjectCipher cipher;

    @Inject
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aRequestsMailsTravelSealedAndNoLongerOpenOnceItIsClosed() {
        Participants participants = new Participants(prefix);
        participants.announceAlphaAndBeta();
        String email = "keys." + UUID.randomUUID() + "@example.org";
        TestBeans.KnownSubjects.BY_EMAIL.put(email, List.of(UUID.randomUUID()));
        UUID id = portalErasure(email);

        String code =
                new Mails(prefix).first(email, "dsr.verification").parameters().get("code");
        PublicForm.open(given(), "/public/requests")
                .on(given())
                .formParam("code", code)
                .post("/public/requests/" + id + "/verification")
                .then()
                .statusCode(200);
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .post("/api/requests/" + id + "/approval")
                .then()
                .statusCode(200);
        CloudEvent command = participants.commands(id, 1).get(0);
        DsrCommand asked = command.dataAs(DsrCommand.class);
        assertFalse(asked.subject().emails().contains(email), "the command's emails travel sealed");
        assertEquals(
                List.of(email),
                fields.open(asked.sealedFor(), asked.subject()).orElseThrow().emails());
        for (String participant : asked.participants()) {
            participants.reply(command, participant, Outcome.DONE, null, null);
        }
        await().atMost(WAIT).until(() -> audit(id).contains("completed"));
        new Mails(prefix).first(email, "dsr.completed"); // the last mail still opens within the grace

        keys.destroyClosed();
        assertFalse(audit(id).contains("mail and command key destroyed"), "within the grace the key lives");
        clock.advance(grace.plusMinutes(1));
        keys.destroyClosed();
        assertTrue(audit(id).contains("mail and command key destroyed"));

        List<ConsumerRecord<String, String>> mails = participants.records(Topics.NOTIFICATION_REQUESTS, id, 2);
        for (ConsumerRecord<String, String> record : mails) {
            assertFalse(record.value().contains(email), record.value());
            assertFalse(record.value().contains(code), record.value());
            assertFalse(record.value().contains("token="), record.value());
            NotificationRequested sent = EventCodec.parse(record.value()).dataAs(NotificationRequested.class);
            assertEquals(SealedFields.requestSubject(id), sent.sealedFor());
            assertTrue(fields.open(sent).isEmpty(), "nothing opens once the key is destroyed");
            assertTrue(cipher.open(sent.sealedFor(), SealedFields.EMAIL, sent.email())
                    .isEmpty());
        }
        for (ConsumerRecord<String, String> record : participants.records(Topics.DSR_COMMANDS, id, 1)) {
            assertFalse(record.value().contains(email), record.value());
            DsrCommand sent = EventCodec.parse(record.value()).dataAs(DsrCommand.class);
            assertEquals(SealedFields.requestSubject(id), sent.sealedFor());
            assertTrue(fields.open(sent.sealedFor(), sent.subject()).isEmpty(), "nothing opens once closed");
        }
    }

    private static UUID portalErasure(String email) {
        String page = PublicForm.open(given(), "/public/requests")
                .on(given())
                .formParam("type", "ERASURE")
                .formParam("email", email)
                .post("/public/requests")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return UUID.fromString(page.replaceAll("(?s).*/public/requests/([0-9a-f-]{36})/verification.*", "$1"));
    }
}
