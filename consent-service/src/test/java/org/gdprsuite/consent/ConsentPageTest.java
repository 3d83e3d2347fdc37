package org.gdprsuite.consent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.consent.domain.OwnConsents;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.ConsentStateChanged;
import org.gdprsuite.runtime.links.SignedLinks;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.MovableClock;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.gdprsuite.consent.ConsentFixtures.consentPageLink;
import static org.gdprsuite.consent.ConsentFixtures.knownPerson;
import static org.gdprsuite.consent.ConsentFixtures.personGranted;
import static org.gdprsuite.consent.ConsentFixtures.purpose;
import static org.gdprsuite.consent.WithdrawalFixtures.history;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The person's consent page (issue 28, Control): every purpose that concerns the person with its state, notice
 * version and history, and consent given again where the purpose allows self-service consent, recorded through the
 * ledger like any consent (decision, consent.events). Elsewhere, or with a bad link, nothing changes.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class ConsentPageTest {

    private static final String PAGE = "/public/consents/withdraw";
    private static final String GIVE = PAGE + "/give";
    private static final String OBJECT = PAGE + "/object";

    @ConfigProperty(name = "gdpr.kafka.topic-prefix")
    String prefix;

    @Inject
    SignedLinks links;

    @Inject
    MovableClock clock;

    @Inject
    DataSource dataSource;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theCatalogueSaysWhichPurposesAPersonMayConsentToThemselves() {
        selfService("cp-flag", true);
        purposeJson("cp-flag").body("selfServiceConsent", equalTo(true));
        purpose("cp-flag-off", true, null, null);
        purposeJson("cp-flag-off").body("selfServiceConsent", equalTo(false));

        // Self-service consent only where the purpose asks for consent; a flag that is no boolean is no flag.
        Map<String, Object> withoutConsent = definition("cp-flag-bad", false, true);
        withoutConsent.put("defaultLegalBasis", "LEGITIMATE_INTERESTS");
        putPurpose("cp-flag-bad", withoutConsent)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(containsString("self-service consent needs a purpose that requires consent"));
        Map<String, Object> notABoolean = definition("cp-flag-bad", true, true);
        notABoolean.put("selfServiceConsent", "sometimes");
        putPurpose("cp-flag-bad", notABoolean).then().statusCode(400).contentType("application/problem+json");
        given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .when()
                .get("/api/consents/purposes/cp-flag-bad")
                .then()
                .statusCode(404);
        // Only dpo and admin define the catalogue.
        given().auth()
                .oauth2(Tokens.of(DemoUser.MARKETING))
                .contentType(ContentType.JSON)
                .body(definition("cp-flag", true, false))
                .when()
                .put("/api/consents/purposes/cp-flag")
                .then()
                .statusCode(403);
        purposeJson("cp-flag").body("selfServiceConsent", equalTo(true));
    }

    @Test
    void thePageShowsEachPurposeWithItsHistoryAndGivesConsentAgainWhereAllowed() {
        String notice = notice("en");
        selfService("cp-letter", true);
        purpose("cp-news", true, null, null);
        purpose("cp-li", false, "LEGITIMATE_INTERESTS", null);
        UUID person =
                personGranted(prefix, "cp-letter", "CONSENT", "cp-news", "CONSENT", "cp-li", "LEGITIMATE_INTERESTS");
        String token = token(person);
        post(PAGE, token, "cp-letter").then().statusCode(200);
        post(PAGE, token, "cp-news").then().statusCode(200);

        given().queryParam("token", token)
                .when()
                .get(PAGE)
                .then()
                .statusCode(200)
                .contentType(ContentType.HTML)
                .body(containsString("id=\"purpose-cp-letter\""))
                .body(containsString("id=\"purpose-cp-news\""))
                .body(containsString("processed on another legal basis: legitimate interests (Art. 6(1)(f) GDPR)"))
                .body(containsString("id=\"give-cp-letter\""))
                .body(not(containsString("id=\"give-cp-news\"")))
                .body(not(containsString("id=\"give-cp-li\"")))
                .body(not(containsString("id=\"withdraw-cp-li\"")))
                .body(containsString("/public/consents/notices/" + notice))
                .body(containsString("<td>withdrawn</td><td>you, on this page</td>"))
                .body(containsString("<td>given</td><td>web form (web)</td>"));

        KafkaProbe.Mark events = KafkaProbe.mark(prefix + Topics.CONSENT_EVENTS);
        post(GIVE, token, "cp-letter")
                .then()
                .statusCode(200)
                .body(containsString("your consent to <strong>Purpose cp-letter</strong> is recorded"))
                .body(containsString("id=\"withdraw-cp-letter\""))
                .body(not(containsString("id=\"give-cp-letter\"")))
                .body(containsString("<td>given</td><td>you, on this page</td><td>" + notice + "</td>"));

        ConsentLedgerTest.decision(person, "cp-letter")
                .then()
                .body("allowed", equalTo(true))
                .body("status", equalTo("GRANTED"))
                .body("legalBasis", equalTo("CONSENT"));
        JsonPath ledger = history(person, "cp-letter");
        assertEquals(3, ledger.getInt("total"));
        assertEquals("GRANTED", ledger.getString("items[-1].status"));
        assertEquals("WEB_FORM", ledger.getString("items[-1].source"));
        assertEquals(OwnConsents.PAGE, ledger.getString("items[-1].channel"));
        assertEquals(notice, ledger.getString("items[-1].noticeVersion"));
        assertEquals(OwnConsents.PAGE, ledger.getString("items[-1].evidence.formId"));
        assertEquals("data subject (own consent page)", ledger.getString("items[-1].recordedBy"));
        List<ConsentStateChanged> published =
                KafkaProbe.awaitRecordsAfter(
                                events, read -> !ofPerson(read, person).isEmpty(), Duration.ofSeconds(30))
                        .stream()
                        .filter(r -> person.toString().equals(r.key()))
                        .map(r -> EventCodec.parse(r.value()).dataAs(ConsentStateChanged.class))
                        .toList();
        assertEquals("cp-letter", published.get(0).purpose());
        assertTrue(published.get(0).allowed());

        // Given already: nothing recorded twice.
        post(GIVE, token, "cp-letter").then().statusCode(200).body(containsString("id=\"already\""));
        assertEquals(3, history(person, "cp-letter").getInt("total"));
    }

    @Test
    void thePersonObjectsToAPurposeOnLegitimateInterestsAndTheDecisionSaysObjected() {
        purpose("cp-obj-li", false, "LEGITIMATE_INTERESTS", null);
        purpose("cp-obj-consent", true, null, null);
        UUID person = personGranted(prefix, "cp-obj-li", "LEGITIMATE_INTERESTS", "cp-obj-consent", "CONSENT");
        String token = token(person);
        ConsentLedgerTest.decision(person, "cp-obj-li").then().body("allowed", equalTo(true));

        given().queryParam("token", token)
                .when()
                .get(PAGE)
                .then()
                .statusCode(200)
                .body(containsString("id=\"object-cp-obj-li\""))
                .body(not(containsString("id=\"object-cp-obj-consent\"")));

        // Art. 21(1) reaches legitimate interests, not consent (that is withdrawn): refused, nothing changed.
        post(OBJECT, token, "cp-obj-consent").then().statusCode(403);
        ConsentLedgerTest.decision(person, "cp-obj-consent").then().body("allowed", equalTo(true));
        post(OBJECT, token, "no-such-purpose").then().statusCode(404);

        KafkaProbe.Mark events = KafkaProbe.mark(prefix + Topics.CONSENT_EVENTS);
        post(OBJECT, token, "cp-obj-li")
                .then()
                .statusCode(200)
                .body(containsString("id=\"objected\""))
                .body(containsString("id=\"objection-cp-obj-li\""))
                .body(not(containsString("id=\"object-cp-obj-li\"")))
                .body(not(containsString("id=\"objection-cp-obj-consent\"")));
        // Recorded as an objection (Art. 21) of scope PURPOSES naming that purpose only, not one to everything.
        assertEquals(List.of("cp-obj-li"), objectedPurposes(person));
        assertEquals(List.of(false, false), objectedAllAndDirectMarketing(person));
        // Applied at once: this replica reads its own write, and the consent purpose is untouched.
        ConsentLedgerTest.decision(person, "cp-obj-li")
                .then()
                .body("allowed", equalTo(false))
                .body("reasons", contains("OBJECTED"));
        ConsentLedgerTest.decision(person, "cp-obj-consent").then().body("allowed", equalTo(true));
        // Read models hear it on consent.events, as for an objection from the orchestrator.
        ConsentStateChanged published = objectedEvent(
                KafkaProbe.awaitRecordsAfter(
                        events, read -> objectedEvent(read, person) != null, Duration.ofSeconds(30)),
                person);
        assertEquals(List.of("OBJECTED"), published.reasons());
        assertEquals("LEGITIMATE_INTERESTS", published.legalBasis());
        // Objecting again changes nothing.
        post(OBJECT, token, "cp-obj-li").then().statusCode(200);
        assertEquals(List.of("cp-obj-li"), objectedPurposes(person));
        // A stranger's link objects to nothing.
        post(OBJECT, token(UUID.randomUUID()), "cp-obj-li").then().statusCode(403);
    }

    @Test
    void aPurposeWithoutSelfServiceConsentABadPurposeOrABadLinkGiveNothing() {
        purpose("cp-refused", true, null, null);
        selfService("cp-open", true);
        UUID person = personGranted(prefix, "cp-refused", "CONSENT");
        String token = token(person);
        post(PAGE, token, "cp-refused").then().statusCode(200);

        post(GIVE, token, "cp-refused")
                .then()
                .statusCode(403)
                .contentType(ContentType.HTML)
                .body(containsString("That consent cannot be given on this page; nothing was changed."));
        for (String unknown : new String[] {"no-such-purpose", "<script>alert(1)</script>", "x".repeat(300)}) {
            post(GIVE, token, unknown)
                    .then()
                    .statusCode(404)
                    .contentType(ContentType.HTML)
                    .body(containsString("There is no such purpose"))
                    .body(not(containsString("<script>alert(1)")));
        }
        given().formParam("token", token)
                .when()
                .post(GIVE)
                .then()
                .statusCode(404)
                .body(containsString("There is no such purpose"));
        assertEquals(2, history(person, "cp-refused").getInt("total"));
        ConsentLedgerTest.decision(person, "cp-refused").then().body("status", equalTo("WITHDRAWN"));

        // A link of a person no service announced may see the page, but gives nothing.
        String stranger = token(UUID.randomUUID());
        post(GIVE, stranger, "cp-open").then().statusCode(403);
        given().queryParam("token", stranger)
                .when()
                .get(PAGE)
                .then()
                .statusCode(200)
                .body(not(containsString("id=\"give-cp-open\"")));

        // Tampered or expired: a problem for a program, a readable page for a browser; nothing given.
        String tampered = token.substring(0, token.length() - 2) + (token.endsWith("A") ? "BB" : "AA");
        String expiring = consentPageLink(links, person, Duration.ofHours(1));
        clock.advance(Duration.ofHours(2));
        for (String bad : new String[] {tampered, expiring, ""}) {
            post(GIVE, bad, "cp-open")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("detail", equalTo("This link is invalid or has expired."));
            given().accept("text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")
                    .formParam("token", bad)
                    .formParam("purpose", "cp-open")
                    .when()
                    .post(GIVE)
                    .then()
                    .statusCode(403)
                    .contentType(ContentType.HTML)
                    .body(containsString("This link is invalid or has expired."))
                    .body(not(containsString("<form")));
        }
        assertEquals(0, history(person, "cp-open").getInt("total"));
    }

    @Test
    void thePageSpeaksGermanToAGermanBrowserAndEscapesWhatItShows() {
        selfService("cp-escape", true);
        Map<String, Object> hostile = definition("cp-escape", true, true);
        hostile.put("name", "<img src=x onerror=alert(1)> & Co");
        hostile.put("description", "\"quoted\" <b>bold</b>");
        putPurpose("cp-escape", hostile).then().statusCode(200);
        UUID person = knownPerson(prefix);
        String token = token(person);

        given().queryParam("token", token)
                .header("Accept-Language", "de-DE,de;q=0.9,en;q=0.8")
                .when()
                .get(PAGE)
                .then()
                .statusCode(200)
                .body(containsString("<html lang=\"de\">"))
                .body(containsString("<title>Ihre Einwilligungen</title>"))
                .body(containsString("Meine Einwilligung geben:"))
                .body(containsString("&lt;img src=x onerror=alert(1)&gt; &amp; Co"))
                .body(containsString("&quot;quoted&quot; &lt;b&gt;bold&lt;/b&gt;"))
                .body(not(containsString("<img src=x")))
                .body(not(containsString("<b>bold")));
        given().queryParam("token", token)
                .header("Accept-Language", "fr-FR,fr;q=0.9")
                .when()
                .get(PAGE)
                .then()
                .body(containsString("<html lang=\"en\">"));
    }

    /** The version of a new notice in force for {@code language} from now on: the newest of that language. */
    private String notice(String language) {
        String version = "cp-" + UUID.randomUUID();
        PrivacyNoticeTest.publish(
                version,
                language,
                "Consent page notice",
                "What we do with your data.",
                clock.instant().minusSeconds(1).toString());
        return version;
    }

    private static List<?> ofPerson(
            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> read, UUID p) {
        return read.stream().filter(r -> p.toString().equals(r.key())).toList();
    }

    /** The state change of {@code person}'s purpose cp-obj-li that says it is denied, if among {@code read}. */
    private static ConsentStateChanged objectedEvent(
            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> read, UUID person) {
        return read.stream()
                .filter(r -> person.toString().equals(r.key()))
                .map(r -> EventCodec.parse(r.value()).dataAs(ConsentStateChanged.class))
                .filter(c -> "cp-obj-li".equals(c.purpose()) && !c.allowed())
                .findFirst()
                .orElse(null);
    }

    /** The purposes {@code person} objects to by name, as consent-service keeps them. */
    private List<String> objectedPurposes(UUID person) {
        return query(
                "SELECT purpose_key FROM subject_purpose WHERE person_id = ? AND objected ORDER BY purpose_key",
                person,
                rs -> rs.getString(1));
    }

    /** Whether {@code person} objects to all processing and to direct marketing (false where nothing is kept). */
    private List<Boolean> objectedAllAndDirectMarketing(UUID person) {
        List<List<Boolean>> rows = query(
                "SELECT objected_all, objected_direct_marketing FROM subject_state WHERE person_id = ?",
                person,
                rs -> List.of(rs.getBoolean(1), rs.getBoolean(2)));
        return rows.isEmpty() ? List.of(false, false) : rows.get(0);
    }

    private <T> List<T> query(String sql, UUID person, Row<T> row) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, person);
            List<T> found = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    found.add(row.of(rs));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Row<T> {
        T of(ResultSet rs) throws SQLException;
    }

    private String token(UUID person) {
        return consentPageLink(links, person, Duration.ofDays(1));
    }

    private static Response post(String path, String token, String purpose) {
        return given().formParam("token", token)
                .formParam("purpose", purpose)
                .header("User-Agent", "ConsentPageTest/1.0")
                .when()
                .post(path);
    }

    private static void selfService(String key, boolean allowed) {
        putPurpose(key, definition(key, true, allowed)).then().statusCode(200);
    }

    private static Map<String, Object> definition(String key, boolean consentRequired, boolean selfService) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "Purpose " + key);
        body.put("consentRequired", consentRequired);
        body.put("selfServiceConsent", selfService);
        return body;
    }

    private static Response putPurpose(String key, Map<String, Object> body) {
        return given().auth()
                .oauth2(Tokens.of(DemoUser.DPO))
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .put("/api/consents/purposes/" + key);
    }

    private static io.restassured.response.ValidatableResponse purposeJson(String key) {
        return given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .when()
                .get("/api/consents/purposes/" + key)
                .then()
                .statusCode(200);
    }
}
