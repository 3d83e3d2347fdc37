package org.gdprsuite.consent;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.consent.domain.ConsentLedger;
import org.gdprsuite.consent.domain.ConsentLedger.Entry;
import org.gdprsuite.consent.domain.ConsentRecord;
import org.gdprsuite.consent.domain.ConsentSource;
import org.gdprsuite.consent.domain.ConsentStatus;
import org.gdprsuite.consent.domain.LegalBasis;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.ConsentStateChanged;
import org.gdprsuite.runtime.internal.outbox.OutboxRelay;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.gdprsuite.consent.ConsentFixtures.knownPerson;
import static org.gdprsuite.consent.ConsentFixtures.knownPersons;
import static org.gdprsuite.consent.ConsentFixtures.purpose;
import static org.gdprsuite.consent.ConsentFixtures.staff;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Consent decisions from integrating systems, on consent.inbound and over REST, with the same semantics. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class InboundConsentTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Inject
    ConsentLedger ledger;

    @Inject
    DataSource dataSource;

    @Inject
    OutboxRelay relay;

    @Test
    void kafkaEventsAreAppliedOnceInOrderOfEffectAndBadOnesAreDeadLettered() {
        purpose("inbound-news", true, null, null);
        UUID person = knownPerson(prefix);
        UUID stranger = UUID.randomUUID(); // no service ever announced this id
        String key = person.toString();
        String granted = event(UUID.randomUUID(), person, "inbound-news", "GRANTED", "2026-05-02T10:00:00Z");
        String olderWithdrawal = event(UUID.randomUUID(), person, "inbound-news", "WITHDRAWN", "2026-05-01T10:00:00Z");
        String schemaInvalid = event(UUID.randomUUID(), person, "inbound-news", "MAYBE", "2026-05-03T10:00:00Z");
        String unknownPurpose = event(UUID.randomUUID(), person, "no-such-purpose", "GRANTED", "2026-05-03T10:00:00Z");
        String malformed = "{\"specversion\":\"1.0\", oops";
        String last = event(UUID.randomUUID(), person, "inbound-news", "GRANTED", "2026-05-04T10:00:00Z");
        String orphan = event(UUID.randomUUID(), stranger, "inbound-news", "GRANTED", "2026-05-04T10:00:00Z");

        KafkaProbe.send(
                prefix + Topics.CONSENT_INBOUND,
                List.of(
                        Map.entry(key, granted),
                        Map.entry(key, granted),
                        Map.entry(key, olderWithdrawal),
                        Map.entry(key, schemaInvalid),
                        Map.entry(key, unknownPurpose),
                        Map.entry(key, malformed),
                        Map.entry(stranger.toString(), orphan),
                        Map.entry(key, last)));

        awaitHistorySize(person, "inbound-news", 3);
        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .when()
                .get("/api/consents/persons/" + person + "/purposes/inbound-news/history")
                .then()
                .rootPath("items")
                .body("status", contains("WITHDRAWN", "GRANTED", "GRANTED"))
                .body("effectiveAt", contains("2026-05-01T10:00:00Z", "2026-05-02T10:00:00Z", "2026-05-04T10:00:00Z"))
                .body("recordedBy[1]", equalTo("web-form-test"))
                .body("evidence[1].formId", equalTo("newsletter-box"));
        ConsentLedgerTest.decision(person, "inbound-news")
                .then()
                .body("allowed", equalTo(true))
                .body("since", equalTo("2026-05-04T10:00:00Z"));

        List<ConsumerRecord<String, String>> dead = KafkaProbe.readUntil(
                prefix + Topics.deadLetter(Topics.CONSENT_INBOUND),
                records -> records.stream().filter(r -> key.equals(r.key())).count() >= 3,
                WAIT);
        List<String> reasons = dead.stream()
                .filter(r -> key.equals(r.key()))
                .map(r -> KafkaProbe.header(r, "dead-letter-reason"))
                .toList();
        assertEquals(3, reasons.size(), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("schema")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("unknown purpose")), reasons.toString());
        assertTrue(reasons.stream().anyMatch(r -> r.contains("not JSON")), reasons.toString());
        assertTrue(reasons.stream().noneMatch(r -> r.contains(person.toString())), "no personal data in the reason");

        // An unknown person id is refused, never stored as an orphan: dead-lettered with the reason.
        String orphanReason = KafkaProbe.readUntil(
                        prefix + Topics.deadLetter(Topics.CONSENT_INBOUND),
                        records -> records.stream()
                                .anyMatch(r -> stranger.toString().equals(r.key())),
                        WAIT)
                .stream()
                .filter(r -> stranger.toString().equals(r.key()))
                .map(r -> KafkaProbe.header(r, "dead-letter-reason"))
                .findFirst()
                .orElseThrow();
        assertTrue(orphanReason.contains("UnknownPersonException"), orphanReason); // after the retries
        assertTrue(!orphanReason.contains(stranger.toString()), "the reason does not name the id");
        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .when()
                .get("/api/consents/persons/" + stranger + "/purposes/inbound-news/history")
                .then()
                .body("total", equalTo(0));
        ConsentLedgerTest.decision(stranger, "inbound-news")
                .then()
                .body("allowed", equalTo(false))
                .body("reasons", contains("UNKNOWN_SUBJECT"));
    }

    /**
     * Under import load a consent may be read before contact-service's announcement of its person: it waits for the
     * person (not the consumer's short retries, not the partition) and is recorded, evidence and all, when the
     * person is announced; it is then no longer waiting, so it is never dead-lettered.
     */
    @Test
    void aConsentReadBeforeItsPersonIsAnnouncedIsRecordedWhenThePersonArrives() throws Exception {
        purpose("late-contract", true, null, null);
        UUID late = UUID.randomUUID();
        String effectiveAt =
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        KafkaProbe.send(
                prefix + Topics.CONSENT_INBOUND,
                List.of(Map.entry(
                        late.toString(), event(UUID.randomUUID(), late, "late-contract", "GRANTED", effectiveAt))));
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> waitingFor(late) == 1);
        ConsentLedgerTest.decision(late, "late-contract")
                .then()
                .body("allowed", equalTo(false))
                .body("reasons", contains("UNKNOWN_SUBJECT"));

        ConsentFixtures.announce(prefix, late);

        assertEquals(0, waitingFor(late));
        ConsentLedgerTest.decision(late, "late-contract")
                .then()
                .body("allowed", equalTo(true))
                .body("since", equalTo(effectiveAt));
        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .when()
                .get("/api/consents/persons/" + late + "/purposes/late-contract/history")
                .then()
                .body("total", equalTo(1))
                .rootPath("items")
                .body("recordedBy[0]", equalTo("web-form-test"))
                .body("evidence[0].formId", equalTo("newsletter-box"));
    }

    /** How many consents wait for {@code person} to be announced. */
    private long waitingFor(UUID person) throws Exception {
        try (var connection = dataSource.getConnection();
                var select = connection.prepareStatement("SELECT count(*) FROM parked_consent WHERE person_id = ?")) {
            select.setObject(1, person);
            try (var rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Test
    void aPollIsAppliedAsOneByOneWouldDuplicatesOnceOlderAsHistoryABadEventAloneDeadLettered() {
        purpose("batch-news", true, null, null);
        UUID[] known = knownPersons(prefix, 2);
        UUID a = known[0];
        UUID b = known[1];
        String aGranted = event(UUID.randomUUID(), a, "batch-news", "GRANTED", "2026-05-02T10:00:00Z");
        String aOlder = event(UUID.randomUUID(), a, "batch-news", "WITHDRAWN", "2026-05-01T10:00:00Z");
        String aLater = event(UUID.randomUUID(), a, "batch-news", "WITHDRAWN", "2026-05-04T10:00:00Z");
        String bGranted = event(UUID.randomUUID(), b, "batch-news", "GRANTED", "2026-05-01T10:00:00Z");
        String bUnknownPurpose =
                event(UUID.randomUUID(), b, "no-such-batch-purpose", "GRANTED", "2026-05-03T10:00:00Z");
        String bWithdrawn = event(UUID.randomUUID(), b, "batch-news", "WITHDRAWN", "2026-05-03T10:00:00Z");
        String topic = prefix + Topics.CONSENT_INBOUND;

        // A duplicate within a poll, an older decision after a newer one, and an event only the ledger finds bad.
        KafkaProbe.send(
                topic,
                List.of(
                        Map.entry(a.toString(), aGranted),
                        Map.entry(a.toString(), aGranted),
                        Map.entry(a.toString(), aOlder),
                        Map.entry(b.toString(), bGranted),
                        Map.entry(b.toString(), bUnknownPurpose),
                        Map.entry(b.toString(), bWithdrawn)));
        // The same event again, later: a redelivery.
        KafkaProbe.send(topic, List.of(Map.entry(a.toString(), aGranted), Map.entry(a.toString(), aLater)));

        awaitHistorySize(a, "batch-news", 3);
        awaitHistorySize(b, "batch-news", 2);
        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .when()
                .get("/api/consents/persons/" + a + "/purposes/batch-news/history")
                .then()
                .rootPath("items")
                .body("status", contains("WITHDRAWN", "GRANTED", "WITHDRAWN"))
                .body("effectiveAt", contains("2026-05-01T10:00:00Z", "2026-05-02T10:00:00Z", "2026-05-04T10:00:00Z"));
        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .when()
                .get("/api/consents/persons/" + b + "/purposes/batch-news/history")
                .then()
                .rootPath("items")
                .body("status", contains("GRANTED", "WITHDRAWN"));
        ConsentLedgerTest.decision(a, "batch-news")
                .then()
                .body("allowed", equalTo(false))
                .body("since", equalTo("2026-05-04T10:00:00Z"));
        ConsentLedgerTest.decision(b, "batch-news")
                .then()
                .body("allowed", equalTo(false))
                .body("since", equalTo("2026-05-03T10:00:00Z"));

        List<ConsumerRecord<String, String>> dead = KafkaProbe.readUntil(
                        prefix + Topics.deadLetter(Topics.CONSENT_INBOUND),
                        records -> records.stream().anyMatch(r -> b.toString().equals(r.key())),
                        WAIT)
                .stream()
                .filter(r -> b.toString().equals(r.key()) || a.toString().equals(r.key()))
                .toList();
        assertEquals(
                List.of(bUnknownPurpose),
                dead.stream().map(ConsumerRecord::value).toList());
        assertTrue(KafkaProbe.header(dead.get(0), "dead-letter-reason").contains("unknown purpose"));

        // The older decision never became current, so it was never published as the state.
        Instant latest = Instant.parse("2026-05-04T10:00:00Z");
        List<ConsentStateChanged> states = stateEvents(
                KafkaProbe.readUntil(
                        prefix + Topics.CONSENT_EVENTS,
                        records -> stateEvents(records, a).stream().anyMatch(e -> latest.equals(e.since())),
                        WAIT),
                a);
        assertEquals(latest, states.get(states.size() - 1).since(), states.toString());
        assertTrue(
                states.stream().noneMatch(e -> e.since().equals(Instant.parse("2026-05-01T10:00:00Z"))),
                states.toString());
    }

    @Test
    void recordingSeveralAtOnceLeavesTheStateOneByOneWouldAndPublishesThatStateOnce() throws Exception {
        purpose("batch-ledger", true, null, null);
        UUID person = knownPerson(prefix);
        Instant earlier = Instant.parse("2026-04-01T00:00:00Z");
        Instant later = Instant.parse("2026-04-02T00:00:00Z");

        relay.stop(); // what the transaction wrote stays in the outbox to be read here (a sent row is deleted)
        List<ConsentRecord> records;
        try {
            records = ledger.recordAll(List.of(
                    entry(person, ConsentStatus.GRANTED, later),
                    entry(person, ConsentStatus.WITHDRAWN, later),
                    entry(person, ConsentStatus.GRANTED, earlier)));
            List<ConsentStateChanged> published = published(person);
            assertEquals(1, published.size(), published.toString());
            assertEquals("WITHDRAWN", published.get(0).status());
            assertEquals(records.get(1).effectiveAt, published.get(0).since());
        } finally {
            relay.start();
        }

        assertEquals(3, records.size());
        // On a tie the later record wins, as it would one by one; the older one is history.
        ConsentLedgerTest.decision(person, "batch-ledger")
                .then()
                .body("allowed", equalTo(false))
                .body("status", equalTo("WITHDRAWN"))
                .body("since", equalTo("2026-04-02T00:00:00Z"));
    }

    /** The consent.events this person's changes left in the outbox, in order. */
    private List<ConsentStateChanged> published(UUID person) throws Exception {
        try (var connection = dataSource.getConnection();
                var select = connection.prepareStatement(
                        "SELECT envelope FROM outbox_event WHERE topic = ? AND record_key = ? ORDER BY seq")) {
            select.setString(1, Topics.CONSENT_EVENTS);
            select.setString(2, person.toString());
            List<ConsentStateChanged> published = new java.util.ArrayList<>();
            try (var rs = select.executeQuery()) {
                while (rs.next()) {
                    published.add(EventCodec.parse(rs.getString(1)).dataAs(ConsentStateChanged.class));
                }
            }
            return published;
        }
    }

    private static Entry entry(UUID person, ConsentStatus status, Instant effectiveAt) {
        return new Entry(
                person,
                "batch-ledger",
                LegalBasis.CONSENT,
                status,
                effectiveAt,
                ConsentSource.IMPORT, // records kept elsewhere, with their own times (no backdating otherwise)
                "test",
                null,
                null,
                "batch-test",
                null);
    }

    private static List<ConsentStateChanged> stateEvents(List<ConsumerRecord<String, String>> records, UUID person) {
        return records.stream()
                .filter(r -> person.toString().equals(r.key()))
                .map(r -> EventCodec.parse(r.value()).dataAs(ConsentStateChanged.class))
                .toList();
    }

    @Test
    void theRestWayInHasTheSameSemantics() {
        purpose("rest-inbound-news", true, null, null);
        UUID person = knownPerson(prefix);
        UUID id = UUID.randomUUID();
        String granted = event(id, person, "rest-inbound-news", "GRANTED", "2026-06-01T00:00:00Z");

        post(granted).then().statusCode(201).body("duplicate", equalTo(false));
        post(granted).then().statusCode(200).body("duplicate", equalTo(true));
        post(event(UUID.randomUUID(), person, "rest-inbound-news", "WITHDRAWN", "2026-05-01T00:00:00Z"))
                .then()
                .statusCode(201);
        post(event(UUID.randomUUID(), person, "rest-inbound-news", "MAYBE", "2026-07-01T00:00:00Z"))
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        post(event(UUID.randomUUID(), person, "unknown-purpose-x", "GRANTED", "2026-07-01T00:00:00Z"))
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        post("{ not json").then().statusCode(400).contentType("application/problem+json");
        // No backdating: an integration event with a past effective time needs its evidence.
        post(event(UUID.randomUUID(), person, "rest-inbound-news", "GRANTED", "2026-07-01T00:00:00Z")
                        .replaceFirst("\"evidence\":\\{[^}]*\\}", "\"evidence\":null"))
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://gdpr-suite.org/problems/backdated-record"));
        UUID stranger = UUID.randomUUID();
        post(event(UUID.randomUUID(), stranger, "rest-inbound-news", "GRANTED", "2026-06-01T00:00:00Z"))
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("https://gdpr-suite.org/problems/person-not-found"));
        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .when()
                .get("/api/consents/persons/" + stranger + "/purposes/rest-inbound-news/history")
                .then()
                .body("total", equalTo(0));

        ConsentLedgerTest.decision(person, "rest-inbound-news").then().body("allowed", equalTo(true));
        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .when()
                .get("/api/consents/persons/" + person + "/purposes/rest-inbound-news/history")
                .then()
                .rootPath("items")
                .body("status", contains("WITHDRAWN", "GRANTED"))
                .body("recordedBy[1]", equalTo("service-account-integration"));
        given().auth()
                .oauth2(staff(DemoUser.MARKETING))
                .contentType(ContentType.JSON)
                .body(granted)
                .when()
                .post("/api/consents/inbound")
                .then()
                .statusCode(403);
    }

    private static io.restassured.response.Response post(String body) {
        return given().auth()
                .oauth2(Tokens.integration())
                .contentType("application/cloudevents+json")
                .body(body)
                .when()
                .post("/api/consents/inbound");
    }

    private static void awaitHistorySize(UUID person, String purpose, int size) {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            int now = given().auth()
                    .oauth2(staff(DemoUser.DPO))
                    .when()
                    .get("/api/consents/persons/" + person + "/purposes/" + purpose + "/history")
                    .then()
                    .extract()
                    .jsonPath()
                    .getList("items")
                    .size();
            if (now >= size) {
                return;
            }
            sleep();
        }
    }

    static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String event(UUID id, UUID person, String purpose, String status, String effectiveAt) {
        return """
                {"specversion":"1.0","id":"%s","source":"web-form-test","type":"consent.recorded","subject":"%s",
                 "time":"%s","datacontenttype":"application/json",
                 "data":{"personId":"%s","purpose":"%s","status":"%s","legalBasis":"CONSENT","effectiveAt":"%s",
                         "source":"WEB_FORM","channel":"website","noticeVersion":"2026-01",
                         "evidence":{"ip":"198.51.100.4","userAgent":"Firefox","formId":"newsletter-box"}}}
                """.formatted(id, person, effectiveAt, person, purpose, status, effectiveAt);
    }
}
