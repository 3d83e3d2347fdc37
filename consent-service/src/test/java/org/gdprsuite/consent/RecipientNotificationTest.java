package org.gdprsuite.consent;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.gdprsuite.consent.domain.WebhookSignature;
import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.DsrCommand;
import org.gdprsuite.events.dsr.DsrReply;
import org.gdprsuite.events.dsr.SubjectIds;
import org.gdprsuite.runtime.internal.dsr.DsrCommandHandler;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.gdprsuite.consent.ConsentFixtures.grant;
import static org.gdprsuite.consent.ConsentFixtures.knownPerson;
import static org.gdprsuite.consent.ConsentFixtures.purpose;
import static org.gdprsuite.consent.ConsentFixtures.purposeWithRetention;
import static org.gdprsuite.consent.ConsentFixtures.staff;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recipients register (Art. 28) and the notices of Art. 19: recipients are versioned and show in the record of
 * processing activities; after an erasure the recipients of the person's purposes receive a signed webhook call (a
 * real HTTP server here), a failing endpoint is retried until it takes it, one that keeps failing is dead until the
 * DPO retries it, and the request lists who was told and when.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class RecipientNotificationTest {

    private static final String RECIPIENTS = "/api/consents/recipients";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String SHARED = "recip-shared-" + RUN;
    private static final String OTHER = "recip-other-" + RUN;

    /** What each path of the test's endpoint received, and how many more calls it answers 500. */
    private static final Map<String, Queue<Call>> RECEIVED = new ConcurrentHashMap<>();

    private static final Map<String, AtomicInteger> FAILURES = new ConcurrentHashMap<>();
    private static HttpServer server;

    record Call(String timestamp, String signature, String body, int answered) {}

    @Inject
    org.eclipse.microprofile.config.Config config;

    @Inject
    DsrCommandHandler dsr;

    @BeforeAll
    static void endpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", RecipientNotificationTest::answer);
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        AtomicInteger failures = FAILURES.computeIfAbsent(path, p -> new AtomicInteger());
        int status = failures.getAndDecrement() > 0 ? 500 : 204;
        RECEIVED.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>())
                .add(new Call(
                        exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
                        exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER),
                        body,
                        status));
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static String endpoint(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void anErasureIsNotifiedSignedRetriedAndListedForTheRequest() {
        purpose(SHARED, true, null, null);
        purpose(OTHER, true, null, null);
        FAILURES.put("/flaky-" + RUN, new AtomicInteger(2)); // two failures, then the third attempt is taken
        FAILURES.put("/down-" + RUN, new AtomicInteger(Integer.MAX_VALUE));

        JsonPath steady = create(recipient("Mail host", "PROCESSOR", SHARED, endpoint("/steady-" + RUN)))
                .statusCode(201)
                .extract()
                .jsonPath();
        String secret = steady.getString("webhookSecret");
        UUID steadyId = UUID.fromString(steady.getString("recipient.id"));
        create(recipient("Flaky partner", "JOINT_CONTROLLER", SHARED, endpoint("/flaky-" + RUN)))
                .statusCode(201);
        String downId = create(recipient("Down partner", "THIRD_PARTY", SHARED, endpoint("/down-" + RUN)))
                .statusCode(201)
                .extract()
                .path("recipient.id");
        create(recipient("Other purpose only", "THIRD_PARTY", OTHER, endpoint("/other-" + RUN)))
                .statusCode(201);
        create(recipient("Told by post", "THIRD_PARTY", SHARED, null)).statusCode(201);

        // The secret is shown once; reading the recipient never gives it again.
        String read = get("/" + steadyId).statusCode(200).extract().asString();
        assertFalse(read.contains(secret), "the signing key is not returned after creation");
        get("/" + steadyId).body("signed", equalTo(true)).body("recipient.role", equalTo("PROCESSOR"));

        UUID person = knownPerson(config.getValue("gdpr.kafka.topic-prefix", String.class));
        grant(person, SHARED);
        UUID requestId = UUID.randomUUID();
        DsrCommand erase = new DsrCommand(requestId, new SubjectIds(List.of(person), List.of()), List.of());
        assertEquals(
                DsrReply.Outcome.DONE,
                dsr.handle(UUID.randomUUID().toString(), DsrAction.ERASE, erase).outcome());

        Call call = await().atMost(WAIT).until(() -> first("/steady-" + RUN), c -> c != null);
        assertEquals(
                WebhookSignature.sign(secret, Long.parseLong(call.timestamp()), call.body()),
                call.signature(),
                "the notice is signed with the recipient's key over timestamp and body");
        JsonPath body = JsonPath.from(call.body());
        assertEquals(requestId.toString(), body.getString("requestId"));
        assertEquals("ERASURE", body.getString("kind"));
        assertEquals(List.of(person.toString()), body.getList("subjects"));
        assertEquals(List.of(SHARED), body.getList("purposes"));

        await().atMost(WAIT)
                .until(() -> RECEIVED.getOrDefault("/flaky-" + RUN, new ConcurrentLinkedQueue<>()).stream()
                        .anyMatch(c -> c.answered() == 204));
        assertEquals(3, RECEIVED.get("/flaky-" + RUN).size(), "two failed attempts, then the one taken");

        await().atMost(WAIT)
                .untilAsserted(() -> notifications("?requestId=" + requestId)
                        .body("total", equalTo(4))
                        .body(
                                "items.recipientName",
                                containsInAnyOrder("Mail host", "Flaky partner", "Down partner", "Told by post"))
                        .body("items.find { it.recipientName == 'Mail host' }.state", equalTo("SENT"))
                        .body("items.find { it.recipientName == 'Flaky partner' }.state", equalTo("SENT"))
                        .body("items.find { it.recipientName == 'Flaky partner' }.attempts", equalTo(3))
                        .body("items.find { it.recipientName == 'Told by post' }.state", equalTo("MANUAL"))
                        .body("items.find { it.recipientName == 'Down partner' }.state", equalTo("DEAD")));
        assertTrue(RECEIVED.get("/other-" + RUN) == null, "a recipient of another purpose is not told");

        String dead = notifications("?state=DEAD&size=500")
                .body("items.recipientId", hasItem(downId))
                .extract()
                .path("items.find { it.recipientId == '" + downId + "' }.id");
        FAILURES.get("/down-" + RUN).set(0);
        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .when()
                .post(RECIPIENTS + "/notifications/" + dead + "/retry")
                .then()
                .statusCode(200)
                .body("state", equalTo("PENDING"));
        await().atMost(WAIT)
                .untilAsserted(() -> notifications("?requestId=" + requestId)
                        .body("items.find { it.recipientName == 'Down partner' }.state", equalTo("SENT")));
        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .when()
                .post(RECIPIENTS + "/notifications/" + dead + "/retry")
                .then()
                .statusCode(409);

        // A replayed command tells no one twice.
        dsr.handle(UUID.randomUUID().toString(), DsrAction.ERASE, erase);
        notifications("?requestId=" + requestId).body("total", equalTo(4));
    }

    @Test
    void recipientsAreVersionedShownInTheRegisterAndBadInputIsAProblem() {
        purpose(SHARED, true, null, null);
        Map<String, Object> first = recipient("Analytics Ltd", "PROCESSOR", SHARED, null);
        String id = create(first).statusCode(201).extract().path("recipient.id");
        Map<String, Object> second = new java.util.HashMap<>(first);
        second.put("country", "IE");
        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .contentType(ContentType.JSON)
                .body(second)
                .when()
                .put(RECIPIENTS + "/" + id)
                .then()
                .statusCode(200)
                .body("version", equalTo(2))
                .body("changed", equalTo(List.of("country")));
        get("/" + id + "/versions").body("total", equalTo(2)).body("items.version", equalTo(List.of(2, 1)));
        get("?purpose=" + SHARED + "&size=500").body("items.id", hasItem(id));

        given().auth()
                .oauth2(staff(DemoUser.ADMIN))
                .when()
                .get("/api/consents/register/activities/" + SHARED)
                .then()
                .statusCode(200)
                .body("registeredRecipients.name", hasItem("Analytics Ltd"))
                .body("registeredRecipients.find { it.name == 'Analytics Ltd' }.country", equalTo("IE"));

        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .when()
                .delete(RECIPIENTS + "/" + id)
                .then()
                .statusCode(200)
                .body("removed", equalTo(true));
        get("/" + id).statusCode(404).contentType("application/problem+json");
        get("?purpose=" + SHARED + "&size=500").body("items.id", not(hasItem(id)));

        Map<String, Object> noDpa = new java.util.HashMap<>(first);
        noDpa.remove("dpaReference");
        create(noDpa).statusCode(422).contentType("application/problem+json");
        create(recipient("Nowhere", "THIRD_PARTY", "no-such-purpose-" + RUN, null))
                .statusCode(422);
        Map<String, Object> badCountry = new java.util.HashMap<>(first);
        badCountry.put("country", "Germany");
        create(badCountry).statusCode(400).contentType("application/problem+json");
        Map<String, Object> badUrl = new java.util.HashMap<>(first);
        badUrl.put("webhookUrl", "ftp://example.org");
        create(badUrl).statusCode(400);
        notifications("?state=LOST").statusCode(422);
        given().auth()
                .oauth2(staff(DemoUser.ADMIN))
                .contentType(ContentType.JSON)
                .body(first)
                .when()
                .post(RECIPIENTS)
                .then()
                .statusCode(403);
        given().auth()
                .oauth2(staff(DemoUser.SALES))
                .when()
                .get(RECIPIENTS)
                .then()
                .statusCode(403);
    }

    @Test
    void theAccessExportCarriesRetentionAndRecipientsOfThePersonsPurposes() {
        String kept = "recip-kept-" + RUN;
        String unrelated = "recip-unrelated-" + RUN;
        purposeWithRetention(kept, "P2Y");
        purpose(unrelated, true, null, null);
        create(recipient("Archive host", "PROCESSOR", kept, null)).statusCode(201);
        create(recipient("Unrelated partner", "THIRD_PARTY", unrelated, null)).statusCode(201);
        UUID person = knownPerson(config.getValue("gdpr.kafka.topic-prefix", String.class));
        grant(person, kept);

        DsrReply export = dsr.handle(
                UUID.randomUUID().toString(),
                DsrAction.EXPORT,
                new DsrCommand(UUID.randomUUID(), new SubjectIds(List.of(person), List.of()), List.of()));
        assertEquals(DsrReply.Outcome.DONE, export.outcome());
        JsonNode purposes = export.slice().get(0).path("register").path("purposes");
        List<String> keys = new java.util.ArrayList<>();
        purposes.forEach(p -> keys.add(p.path("purpose").asText()));
        assertTrue(keys.contains(kept), "the person's purpose is described: " + keys);
        assertFalse(keys.contains(unrelated), "a purpose the person has nothing under is not");
        JsonNode facts = purposes.get(keys.indexOf(kept));
        assertEquals("P2Y", facts.path("retentionPeriod").asText());
        assertEquals("CONSENT", facts.path("legalBasis").asText());
        assertEquals("Purpose " + kept, facts.path("name").asText());
        JsonNode recipients = facts.path("registeredRecipients");
        assertEquals(1, recipients.size(), "only the recipients of this purpose: " + recipients);
        assertEquals("Archive host", recipients.get(0).path("name").asText());
        assertEquals("PROCESSOR", recipients.get(0).path("role").asText());
        assertEquals("DE", recipients.get(0).path("country").asText());
        assertFalse(recipients.toString().contains("DPA-2024-17"), "the agreement's reference stays the DPO's");
    }

    private static Map<String, Object> recipient(String name, String role, String purpose, String url) {
        Map<String, Object> r = new java.util.HashMap<>(
                Map.of("name", name, "role", role, "country", "DE", "purposes", List.of(purpose)));
        if ("PROCESSOR".equals(role)) {
            r.put("dpaReference", "DPA-2024-17");
            r.put("dpaDate", "2024-03-01");
        }
        if (url != null) {
            r.put("webhookUrl", url);
        }
        return r;
    }

    private static ValidatableResponse create(Map<String, Object> recipient) {
        return given().auth()
                .oauth2(staff(DemoUser.DPO))
                .contentType(ContentType.JSON)
                .body(recipient)
                .when()
                .post(RECIPIENTS)
                .then();
    }

    private static ValidatableResponse get(String path) {
        return given().auth()
                .oauth2(staff(DemoUser.DPO))
                .when()
                .get(RECIPIENTS + path)
                .then();
    }

    private static ValidatableResponse notifications(String query) {
        return get("/notifications" + query);
    }

    private static Call first(String path) {
        Queue<Call> calls = RECEIVED.get(path);
        return calls == null ? null : calls.peek();
    }
}
