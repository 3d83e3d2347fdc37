package org.gdprsuite.systemtest;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.gdprsuite.events.Topics;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.MailBox;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A data subject's access and erasure requests, from the public portal to every service's slice. */
class DataSubjectRequestTest extends SystemTest {

    private static final Pattern REQUEST_ID = Pattern.compile("/public/requests/([0-9a-f-]{36})/verification");
    private static final Pattern CODE = Pattern.compile("Your code: (\\d{6})");

    @Test
    void anAccessRequestFromThePortalEndsInOneBundleWithEveryServicesSlice() {
        String email = uniqueEmail("sofia.rossi");
        UUID person = knownCustomer("Sofia", "Rossi", email, "Called about the invoice of March");
        awaitParticipants();

        UUID request = submitOnPortal("ACCESS", email);
        MailBox.Message verification =
                MailBox.await(email, m -> CODE.matcher(m.mime()).find(), MAIL_WAIT);
        Matcher code = CODE.matcher(verification.mime());
        assertTrue(code.find());
        withFormOf("/public/requests")
                .formParam("code", code.group(1))
                .when()
                .post("/public/requests/" + request + "/verification")
                .then()
                .statusCode(200)
                .body(containsString("Your address is confirmed"));

        as(DemoUser.DPO)
                .when()
                .get("/api/requests/" + request)
                .then()
                .statusCode(200)
                .body("status", equalTo("VERIFIED"));
        as(DemoUser.DPO)
                .when()
                .post("/api/requests/" + request + "/approval")
                .then()
                .statusCode(200);
        awaitFinal(request, "COMPLETED");

        MailBox.Message ready = MailBox.await(
                email, m -> m.link("/public/requests/download?token=").isPresent(), MAIL_WAIT);
        URI download = URI.create(ready.link("/public/requests/download?token=").orElseThrow());
        assertTrue(download.toString().startsWith(suite.gateway()), download.toString());
        String token = download.getQuery().substring("token=".length());
        // The mailed link opens a page (through the gateway) and spends nothing; its button's post brings the file.
        for (int i = 0; i < 2; i++) {
            anonymous()
                    .queryParam("token", token)
                    .when()
                    .get("/public/requests/download")
                    .then()
                    .statusCode(200)
                    .header("Cache-Control", "no-store")
                    .body(containsString("method=\"post\""));
        }
        JsonPath bundle = anonymous()
                .accept(ContentType.JSON)
                .formParam("token", token)
                .when()
                .post("/public/requests/download")
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .extract()
                .jsonPath();
        assertEquals(request.toString(), bundle.getString("requestId"));
        Map<String, Object> slices = bundle.getMap("slices");
        assertTrue(slices.keySet().containsAll(PARTICIPANTS), slices.keySet().toString());
        assertEquals(email, bundle.getString("slices.contact-service[0].person.email"));
        assertEquals(
                "Called about the invoice of March", bundle.getString("slices.contact-service[0].activities[0].body"));
        String everything = bundle.prettify();
        assertTrue(
                everything.contains(NEWSLETTER) && everything.contains(PRODUCT_NEWS),
                "consent and subscription slices");
        assertTrue(everything.contains("INC-"), "the breach that named the person");
        anonymous()
                .formParam("token", token)
                .when()
                .post("/public/requests/download")
                .then()
                .statusCode(410);
        anonymous()
                .queryParam("token", token)
                .when()
                .get("/public/requests/download")
                .then()
                .statusCode(410);
    }

    @Test
    void anErasureLeavesNothingReadableHoldsTheBreachRegisterAndSurvivesAReplay() {
        String email = uniqueEmail("jonas.berg");
        UUID person = knownCustomer("Jonas", "Berg", email, "Jonas Berg asked for a callback about his contract");
        awaitParticipants();

        UUID request = submitOnPortal("ERASURE", email);
        MailBox.Message verification = MailBox.await(
                email, m -> m.link("/public/requests/verify?token=").isPresent(), MAIL_WAIT);
        URI link =
                URI.create(verification.link("/public/requests/verify?token=").orElseThrow());
        String token = link.getQuery().substring("token=".length());
        // The link opens a page (a mail scanner following it proves nothing); its button proves the address.
        anonymous()
                .when()
                .get(link)
                .then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body(containsString("method=\"post\""));
        as(DemoUser.DPO)
                .when()
                .get("/api/requests/" + request)
                .then()
                .statusCode(200)
                .body("status", equalTo("RECEIVED"));
        withFormOf("/public/requests") // the button: the approval below needs the verified address
                .formParam("token", token)
                .when()
                .post("/public/requests/verify")
                .then()
                .statusCode(200);
        as(DemoUser.DPO)
                .when()
                .post("/api/requests/" + request + "/approval")
                .then()
                .statusCode(200);
        JsonPath done = awaitFinal(request, "PARTIALLY_COMPLETED");
        assertEquals("HELD", done.getString("participants.find { it.participant == 'incident-service' }.status"));
        assertTrue(done.getString("participants.find { it.participant == 'incident-service' }.legalReason")
                .contains("Art. 17(3)"));
        for (String participant : List.of("consent-service", "contact-service", "subscription-service")) {
            assertEquals(
                    "DONE",
                    done.getString("participants.find { it.participant == '" + participant + "' }.status"),
                    participant);
        }

        // The person is gone from the CRM for everyone, the DPO included; only the anonymized remnant stays.
        as(DemoUser.DPO).when().get("/api/contacts/persons/" + person).then().statusCode(404);
        as(DemoUser.SALES)
                .when()
                .get("/api/contacts/persons/" + person + "/activities")
                .then()
                .statusCode(404);
        as(DemoUser.SALES)
                .queryParam("q", "Berg")
                .when()
                .get("/api/contacts/persons")
                .then()
                .statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(person.toString())));
        as(DemoUser.SALES)
                .queryParam("email", email)
                .when()
                .get("/api/contacts/persons")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
        List<Map<String, Object>> evidence = as(DemoUser.DPO)
                .when()
                .get("/api/consents/persons/" + person + "/purposes/newsletter/history")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.evidence");
        assertTrue(
                evidence.stream().allMatch(e -> e == null || (e.get("ip") == null && e.get("userAgent") == null)),
                "the ledger keeps the proof, not the evidence: " + evidence);
        eventually().until(() -> !audience(PRODUCT_NEWS).contains(person.toString()));
        assertFalse(decision(person, NEWSLETTER), "nothing allows processing an erased person");
        String incidents = as(DemoUser.DPO)
                .when()
                .get("/api/incidents/register")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertFalse(incidents.contains(email), "the register keeps the entry, not the address");

        // Replaying the erasure command: every participant answers again, nothing changes a second time.
        String consentHistory = history("/api/consents/persons/" + person + "/purposes/newsletter/history");
        String subscriptionHistory = history("/api/subscriptions/persons/" + person + "/history");
        ConsumerRecord<String, String> command = KafkaProbe.awaitRecord(
                suite.topic(Topics.DSR_COMMANDS), r -> request.toString().equals(r.key()), Duration.ofSeconds(30));
        KafkaProbe.Mark beforeReplay = KafkaProbe.mark(suite.topic(Topics.DSR_REPLIES));
        KafkaProbe.send(suite.topic(Topics.DSR_COMMANDS), command.key(), command.value());
        KafkaProbe.awaitRecordsAfter(
                beforeReplay,
                replies -> replies.stream()
                                .filter(r -> request.toString().equals(r.key()))
                                .count()
                        >= PARTICIPANTS.size(),
                Duration.ofSeconds(90));
        assertEquals(consentHistory, history("/api/consents/persons/" + person + "/purposes/newsletter/history"));
        assertEquals(subscriptionHistory, history("/api/subscriptions/persons/" + person + "/history"));
        as(DemoUser.DPO).when().get("/api/contacts/persons/" + person).then().statusCode(404);
        List<String> audit = as(DemoUser.DPO)
                .when()
                .get("/api/requests/" + request + "/audit")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items.action");
        assertEquals(1, audit.stream().filter(a -> a.contains("completed")).count(), audit.toString());
        as(DemoUser.DPO).when().get("/api/requests/" + request).then().body("status", equalTo("PARTIALLY_COMPLETED"));
    }

    /**
     * A customer with an activity, a confirmed newsletter consent with evidence, a subscription, and
     * named as affected in a breach.
     */
    private static UUID knownCustomer(String first, String last, String email, String activity) {
        UUID person = createPerson(first, last, email, Map.of("phone", "+49 30 1234567", "city", "Berlin"));
        as(DemoUser.SUPPORT)
                .contentType(ContentType.JSON)
                .body(Map.of("type", "CALL", "subject", "Callback", "body", activity))
                .when()
                .post("/api/contacts/persons/" + person + "/activities")
                .then()
                .statusCode(201);
        subscribe(person, PRODUCT_NEWS, true);
        confirmNewsletterByMail(email);
        String incident = as(DemoUser.SUPPORT)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "title",
                        "Misdirected invoice",
                        "nature",
                        List.of("CONFIDENTIALITY"),
                        "description",
                        "An invoice was sent to the wrong customer",
                        "awareAt",
                        java.time.Instant.now().toString()))
                .when()
                .post("/api/incidents")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(DemoUser.DPO)
                .contentType(ContentType.JSON)
                .body(Map.of("personIds", List.of(person)))
                .when()
                .post("/api/incidents/" + incident + "/affected-persons")
                .then()
                .statusCode(200);
        eventually().until(() -> audience(PRODUCT_NEWS).contains(person.toString()));
        return person;
    }

    private static UUID submitOnPortal(String type, String email) {
        anonymous().when().get("/public/requests").then().statusCode(200).contentType(ContentType.HTML);
        String page = withFormOf("/public/requests")
                .formParam("type", type)
                .formParam("email", email)
                .when()
                .post("/public/requests")
                .then()
                .statusCode(200)
                .body(containsString("We have sent a code"))
                .extract()
                .asString();
        Matcher id = REQUEST_ID.matcher(page);
        assertTrue(id.find(), page);
        return UUID.fromString(id.group(1));
    }

    private static JsonPath awaitFinal(UUID request, String status) {
        eventually()
                .until(() -> status.equals(as(DemoUser.DPO)
                        .when()
                        .get("/api/requests/" + request)
                        .then()
                        .extract()
                        .path("status")));
        JsonPath view = as(DemoUser.DPO)
                .when()
                .get("/api/requests/" + request)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertNotNull(view.getString("completedAt"));
        return view;
    }

    private static String history(String path) {
        return as(DemoUser.DPO)
                .when()
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }
}
