package org.gdprsuite.systemtest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.MailBox;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the controller shows (Art. 5(2), 30) and tells (Art. 14): the record of processing lists the suite's own
 * systems as they announced themselves, and a person imported under legitimate interest receives the information
 * mail and has it in their record.
 */
class AccountabilityTest extends SystemTest {

    /** A purpose processed without consent, on the controller's legitimate interests (Art. 6(1)(f)). */
    static final String FRAUD_PREVENTION = "fraud-prevention";

    @Test
    void theRecordOfProcessingListsEverySystemOfTheSuiteThatAnnouncedItself() {
        List<String> systems = new ArrayList<>(PARTICIPANTS);
        systems.add("gateway"); // its access log: which staff roles read whose record, and when
        awaitParticipants(systems);
        JsonPath participants = as(DemoUser.DPO)
                .queryParam("size", 500)
                .when()
                .get("/api/requests/participants")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        JsonPath register = as(DemoUser.DPO)
                .when()
                .get("/api/consents/register")
                .then()
                .statusCode(200)
                .body("suiteSystems.available", equalTo(true))
                .extract()
                .jsonPath();
        assertEquals(participants.getList("items.name"), register.getList("suiteSystems.systems.name"));
        for (String system : systems) {
            String at = "suiteSystems.systems.find { it.name == '" + system + "' }";
            assertEquals(
                    participants.getString("items.find { it.name == '" + system + "' }.slice"),
                    register.getString(at + ".slice"));
            assertFalse(register.getList(at + ".actions").isEmpty(), system + " answers requests");
        }

        String csv = as(DemoUser.ADMIN)
                .when()
                .get("/api/consents/register/export.csv")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        String systemsTable = csv.substring(csv.lastIndexOf("\r\n\r\n") + 4);
        assertTrue(systemsTable.startsWith("system of the suite,data held,DSR actions answered,version\r\n"), csv);
        for (String system : systems) {
            assertTrue(systemsTable.contains("\r\n" + system + ","), system + " in " + systemsTable);
        }

        var page = as(DemoUser.DPO)
                .when()
                .get("/api/consents/register/export.html")
                .then()
                .statusCode(200)
                .contentType(ContentType.HTML)
                .body(containsString("Systems of the suite"))
                .body(not(containsString("suite-systems-unavailable")));
        for (String system : systems) {
            page.body(containsString("id=\"system-" + system + "\""));
        }
    }

    @Test
    void aPersonImportedUnderLegitimateInterestReceivesTheInformationMail() {
        as(DemoUser.DPO)
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "name",
                        "Fraud prevention",
                        "consentRequired",
                        false,
                        "defaultLegalBasis",
                        "LEGITIMATE_INTERESTS",
                        "dataCategories",
                        List.of("contact details")))
                .when()
                .put("/api/consents/purposes/" + FRAUD_PREVENTION)
                .then()
                .statusCode(200);
        String email = uniqueEmail("amara.okafor");
        String job = importPersons(
                "firstName,lastName,email,category\nAmara,Okafor," + email + ",PROSPECT",
                "trade fair leads",
                FRAUD_PREVENTION,
                "LEGITIMATE_INTERESTS",
                1);
        UUID person = UUID.fromString(as(DemoUser.SALES)
                .queryParam("outcome", "CREATED")
                .when()
                .get(job + "/rows")
                .then()
                .statusCode(200)
                .extract()
                .path("items[0].personId"));

        // Art. 14: not asked for consent, the person is told at once what for, on which basis, and where to look.
        MailBox.Message informed =
                MailBox.await(email, m -> m.subject().equals("How we process your personal data"), MAIL_WAIT);
        assertTrue(informed.mime().contains("Fraud prevention (Art. 6(1)(f) GDPR)"), informed.mime());
        assertFalse(informed.mime().contains("Newsletter and product news"), "a purpose under consent is not in it");
        String notice = informed.link("/public/consents/notices").orElseThrow();
        assertTrue(notice.startsWith(suite.gateway() + "/public/consents/notices"), notice);
        String centre = informed.link("/public/requests/centre").orElseThrow();
        assertTrue(centre.startsWith(suite.gateway()), centre);
        // The person follows the link from their own machine.
        anonymous()
                .when()
                .get(centre.substring(suite.gateway().length()))
                .then()
                .statusCode(200);

        JsonPath record = as(DemoUser.SUPPORT)
                .when()
                .get("/api/consents/persons/" + person)
                .then()
                .statusCode(200)
                .body(
                        "purposes.find { it.purpose == '" + FRAUD_PREVENTION + "' }.legalBasis",
                        equalTo("LEGITIMATE_INTERESTS"))
                .extract()
                .jsonPath();
        assertEquals(1, record.getList("informed").size(), record.prettify());
        assertEquals("SENT", record.getString("informed[0].outcome"));
        assertEquals("information.notice", record.getString("informed[0].template"));
        assertTrue(record.getList("informed[0].purposes").contains(FRAUD_PREVENTION), record.prettify());
        // The mail links the notice version in force, or the stable page of the notice when none is yet.
        String version = record.getString("informed[0].noticeVersion");
        assertEquals(suite.gateway() + "/public/consents/notices" + (version == null ? "" : "/" + version), notice);
    }
}
