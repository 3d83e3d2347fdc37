package org.gdprsuite.subscription;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.DsrCommand;
import org.gdprsuite.events.dsr.DsrReply;
import org.gdprsuite.events.dsr.SubjectIds;
import org.gdprsuite.events.payload.NotificationRequested;
import org.gdprsuite.events.payload.PersonCreated;
import org.gdprsuite.events.payload.SubscriptionChanged;
import org.gdprsuite.runtime.crypto.SubjectKeys;
import org.gdprsuite.runtime.internal.dsr.DsrCommandHandler;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.MailBox;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.Arc;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.gdprsuite.subscription.World.await;
import static org.gdprsuite.subscription.World.subscribe;
import static org.gdprsuite.subscription.World.type;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opt-ins, audiences from the read models, the suite's real mail over SMTP and one-click unsubscribe. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class SubscriptionsAndMailTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Inject
    DsrCommandHandler dsr;

    @Inject
    DataSource dataSource;

    @Test
    void theAddressIsKeptSealedAndAReplayedEventOfAnErasedPersonLeavesNone() {
        World world = new World(prefix);
        String email = "kept." + UUID.randomUUID() + "@example.org";
        UUID kept = world.person(email);
        await(() -> storedEmail(kept) != null, "the address arrived");
        assertTrue(storedEmail(kept).startsWith("v1.") && !storedEmail(kept).contains(email), "kept sealed");

        // A person erased since their event was published: replaying it (a new consumer, a reset offset)
        // keeps no address, does not fail, and a mail naming them is not sent.
        UUID erased = UUID.randomUUID();
        String sealed = World.sealed(erased, "erased." + UUID.randomUUID() + "@example.org");
        Arc.container().instance(SubjectKeys.class).get().destroy(erased.toString());
        KafkaProbe.send(
                prefix + Topics.CONTACT_EVENTS,
                erased.toString(),
                EventCodec.toJson(CloudEvent.of(
                        "contact-service",
                        EventType.PERSON_CREATED,
                        erased.toString(),
                        new PersonCreated(erased, sealed, "CUSTOMER"))));
        await(() -> exists(erased), "the replayed event applied");
        assertNull(storedEmail(erased), "applied (not dead-lettered), without an address");
    }

    private String storedEmail(UUID person) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select =
                        c.prepareStatement("SELECT email FROM contact_read_model WHERE person_id = ?")) {
            select.setObject(1, person);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean exists(UUID person) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement("SELECT 1 FROM contact_read_model WHERE person_id = ?")) {
            select.setObject(1, person);
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void optInsAndOutsAreRecordedWithHistoryAndTheGlobalOptOut() {
        type("news-history", "newsletter");
        UUID person = UUID.randomUUID();
        subscribe(person, "news-history", true);
        subscribe(person, "news-history", true);
        subscribe(person, "news-history", false);
        given().auth()
                .oauth2(Tokens.of(DemoUser.SUPPORT))
                .contentType(ContentType.JSON)
                .body(Map.of("optedOut", true))
                .when()
                .put("/api/subscriptions/persons/" + person + "/global-opt-out")
                .then()
                .statusCode(200)
                .body("globalOptOut", equalTo(true))
                .body("subscriptions.news-history", equalTo(false));
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .get("/api/subscriptions/persons/" + person + "/history")
                .then()
                .rootPath("items")
                .body("type", equalTo(List.of("news-history", "news-history", "*")))
                .body("subscribed", equalTo(List.of(true, false, false)))
                .body("by[0]", equalTo("sales"))
                .body("source[0]", equalTo("STAFF:PHONE"));
        List<ConsumerRecord<String, String>> events = KafkaProbe.readUntil(
                prefix + Topics.SUBSCRIPTION_EVENTS,
                records -> records.stream()
                                .filter(r -> person.toString().equals(r.key()))
                                .count()
                        >= 3,
                WAIT);
        List<SubscriptionChanged> changes = events.stream()
                .filter(r -> person.toString().equals(r.key()))
                .map(r -> EventCodec.parse(r.value()).dataAs(SubscriptionChanged.class))
                .toList();
        assertEquals(3, changes.size());
        // A type's changes carry the purpose it is sent under (consent-service denies it on an opt-out); * has none.
        assertEquals(
                Arrays.asList("newsletter", "newsletter", null),
                changes.stream().map(SubscriptionChanged::purpose).toList());

        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .contentType(ContentType.JSON)
                .body(Map.of("subscribed", "maybe"))
                .when()
                .put("/api/subscriptions/persons/" + person + "/types/news-history")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .contentType(ContentType.JSON)
                .body(Map.of("subscribed", true))
                .when()
                .put("/api/subscriptions/persons/" + person + "/types/no-such-type")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.of(DemoUser.FINANCE))
                .when()
                .get("/api/subscriptions/persons/" + person)
                .then()
                .statusCode(403);
    }

    @Test
    void theAudienceHonoursConsentRestrictionAnonymizationAndTheGlobalOptOut() {
        World world = new World(prefix);
        type("news-audience", "newsletter-audience");
        UUID ok = world.person("ok." + UUID.randomUUID() + "@example.org");
        UUID withdrawn = world.person("withdrawn." + UUID.randomUUID() + "@example.org");
        UUID restricted = world.person("restricted." + UUID.randomUUID() + "@example.org");
        UUID anonymized = world.person("anon." + UUID.randomUUID() + "@example.org");
        UUID optedOut = world.person("out." + UUID.randomUUID() + "@example.org");
        for (UUID person : List.of(ok, withdrawn, restricted, anonymized, optedOut)) {
            world.consent(person, "newsletter-audience", true);
            subscribe(person, "news-audience", true);
        }
        await(() -> audience("news-audience").size() == 5, "all five in the audience");

        world.consent(withdrawn, "newsletter-audience", false);
        world.restrict(restricted);
        world.anonymize(anonymized);
        given().auth()
                .oauth2(Tokens.of(DemoUser.SUPPORT))
                .contentType(ContentType.JSON)
                .body(Map.of("optedOut", true))
                .when()
                .put("/api/subscriptions/persons/" + optedOut + "/global-opt-out")
                .then()
                .statusCode(200);

        await(() -> audience("news-audience").equals(List.of(ok.toString())), "only the person who may be mailed");
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .when()
                .get("/api/subscriptions/types/news-audience/audience")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.of(DemoUser.MARKETING))
                .queryParam("size", 0)
                .when()
                .get("/api/subscriptions/types/news-audience/audience")
                .then()
                .statusCode(400);
    }

    @Test
    void aNotificationRequestBecomesARealMailAddressedFromTheReadModelWhenOnlyThePersonIsNamed() {
        World world = new World(prefix);
        String email = "mail." + UUID.randomUUID() + "@example.org";
        UUID person = UUID.randomUUID();
        String breach = EventCodec.toJson(CloudEvent.of(
                "incident-service",
                EventType.NOTIFICATION_REQUESTED,
                person.toString(),
                new NotificationRequested(
                        "breach.notice",
                        person,
                        null,
                        null,
                        Map.of(
                                "reference",
                                "INC-7",
                                "nature",
                                "CONFIDENTIALITY",
                                "consequences",
                                "phishing",
                                "measures",
                                "reset passwords",
                                "dpoContact",
                                "dpo@example.org"))));
        // The notice may come before the person's address: it waits for it.
        KafkaProbe.send(prefix + Topics.NOTIFICATION_REQUESTS, person.toString(), breach);
        world.created(person, email);

        MailBox.Message mail = MailBox.await(email, m -> m.subject().contains("breach"), WAIT);
        assertTrue(mail.mime().contains("INC-7") && mail.mime().contains("reset passwords"), mail.mime());
        assertTrue(
                mail.link("/public/subscriptions/preferences?token=").isPresent(),
                "every mail links the preference centre");

        String direct = "direct." + UUID.randomUUID() + "@example.org";
        KafkaProbe.send(
                prefix + Topics.NOTIFICATION_REQUESTS,
                "r1",
                EventCodec.toJson(CloudEvent.of(
                        "erasure-service",
                        EventType.NOTIFICATION_REQUESTED,
                        "r1",
                        new NotificationRequested(
                                "dsr.verification",
                                null,
                                direct,
                                null,
                                Map.of(
                                        "code",
                                        "123456",
                                        "verifyLink",
                                        "http://127.0.0.1:8080/public/requests/verify?token=x")))));
        String unknown = EventCodec.toJson(CloudEvent.of(
                "erasure-service",
                EventType.NOTIFICATION_REQUESTED,
                "r2",
                new NotificationRequested("spam.blast", null, direct, null, Map.of())));
        KafkaProbe.send(prefix + Topics.NOTIFICATION_REQUESTS, "r2", unknown);
        assertTrue(MailBox.await(direct, m -> m.mime().contains("123456"), WAIT)
                .subject()
                .contains("Confirm your request"));
        List<ConsumerRecord<String, String>> dead = KafkaProbe.readUntil(
                prefix + Topics.deadLetter(Topics.NOTIFICATION_REQUESTS),
                records -> records.stream().anyMatch(r -> "r2".equals(r.key())),
                WAIT);
        assertTrue(dead.stream()
                .anyMatch(r -> "r2".equals(r.key())
                        && KafkaProbe.header(r, "dead-letter-reason").contains("unknown mail template")));
    }

    @Test
    void aMailingCarriesOneClickUnsubscribeWhichWorksWithoutASession() {
        World world = new World(prefix);
        type("news-mailing", "newsletter-mailing");
        String email = "reader." + UUID.randomUUID() + "@example.org";
        UUID person = world.person(email);
        world.consent(person, "newsletter-mailing", true);
        subscribe(person, "news-mailing", true);
        await(() -> audience("news-mailing").contains(person.toString()), "in the audience");

        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .contentType(ContentType.JSON)
                .body(Map.of("subject", "News", "text", "Hello"))
                .when()
                .post("/api/subscriptions/types/news-mailing/mailings")
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(Tokens.of(DemoUser.MARKETING))
                .contentType(ContentType.JSON)
                .body(Map.of("subject", "November news", "text", "What is new"))
                .when()
                .post("/api/subscriptions/types/news-mailing/mailings")
                .then()
                .statusCode(202)
                .header("Location", containsString("/api/subscriptions/mailings/"));

        MailBox.Message mail = MailBox.await(email, m -> m.subject().equals("November news"), WAIT);
        assertEquals(
                "List-Unsubscribe=One-Click",
                mail.header("List-Unsubscribe-Post").orElseThrow());
        String unsubscribe = mail.header("List-Unsubscribe").orElseThrow().replaceAll("[<>]", "");
        assertTrue(
                unsubscribe.startsWith("http://127.0.0.1:8080/public/subscriptions/unsubscribe?token="), unsubscribe);

        String token = unsubscribe.substring(unsubscribe.indexOf("token=") + 6);
        given().queryParam("token", token)
                .contentType(ContentType.URLENC)
                .formParam("List-Unsubscribe", "One-Click")
                .when()
                .post("/public/subscriptions/unsubscribe")
                .then()
                .statusCode(200)
                .body(containsString("no longer receive"));
        assertTrue(audience("news-mailing").isEmpty());
        given().queryParam("token", token + "x")
                .when()
                .post("/public/subscriptions/unsubscribe")
                .then()
                .statusCode(403);
    }

    @Test
    void theDsrSliceExportsTheChoicesAndErasureForgetsWhoMadeThem() {
        type("news-dsr", "newsletter");
        UUID person = UUID.randomUUID();
        subscribe(person, "news-dsr", true);
        SubjectIds subject = new SubjectIds(List.of(person), List.of());
        DsrReply export = dsr.handle(
                UUID.randomUUID().toString(), DsrAction.EXPORT, new DsrCommand(UUID.randomUUID(), subject, List.of()));
        assertTrue(
                export.slice().toString().contains("news-dsr"), export.slice().toString());

        DsrReply objection = dsr.handle(
                UUID.randomUUID().toString(),
                DsrAction.RESTRICT,
                new DsrCommand(UUID.randomUUID(), subject, List.of()));
        assertEquals(DsrReply.Outcome.DONE, objection.outcome());
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .get("/api/subscriptions/persons/" + person)
                .then()
                .body("globalOptOut", equalTo(true));

        DsrReply erase = dsr.handle(
                UUID.randomUUID().toString(), DsrAction.ERASE, new DsrCommand(UUID.randomUUID(), subject, List.of()));
        assertEquals(DsrReply.Outcome.DONE, erase.outcome());
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .get("/api/subscriptions/persons/" + person + "/history")
                .then()
                .rootPath("items")
                .body("by", equalTo(java.util.Arrays.asList(null, null, null)))
                .body("subscribed", equalTo(List.of(true, false, false)))
                .body("source[1]", equalTo("OBJECTION"));
    }

    static List<String> audience(String type) {
        return given().auth()
                .oauth2(Tokens.of(DemoUser.MARKETING))
                .when()
                .get("/api/subscriptions/types/" + type + "/audience")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.personId");
    }
}
