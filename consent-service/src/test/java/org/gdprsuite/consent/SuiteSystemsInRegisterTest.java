package org.gdprsuite.consent;

import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.gdprsuite.consent.ConsentFixtures.staff;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The record of processing shows the suite's own systems (Art. 30: nothing typed in twice): the participants
 * erasure-service knows from their announcements, asked with the caller's own token, in the JSON, the CSV and the
 * printable page; when erasure-service fails or hangs up, the register is still exported and says the list is
 * unavailable. erasure-service is a neighbour not started here: {@link ErasureServiceStub} answers as it does.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
@WithTestResource(ErasureServiceStub.class)
class SuiteSystemsInRegisterTest {

    private static final String REGISTER = "/api/consents/register";

    @ConfigProperty(name = ErasureServiceStub.URL_KEY)
    String erasureService;

    @AfterEach
    void erasureServiceBack() {
        steer("up");
    }

    @Test
    void theRegisterListsTheSuitesSystemsAskedWithTheCallersToken() {
        String token = staff(DemoUser.DPO);
        given().auth()
                .oauth2(token)
                .when()
                .get(REGISTER)
                .then()
                .statusCode(200)
                .body("suiteSystems.available", equalTo(true))
                .body("suiteSystems.systems.name", equalTo(List.of("contact-service", "incident-service")))
                .body("suiteSystems.systems[0].slice", equalTo("persons, organisation links and activities"))
                .body("suiteSystems.systems[0].actions", hasItems("EXPORT", "ERASE", "RESTRICT"));
        assertEquals("Bearer " + token, steer("authorization"), "erasure-service is asked with the caller's token");

        String csv = export("/export.csv", DemoUser.ADMIN);
        String systems = csv.substring(csv.lastIndexOf("\r\n\r\n") + 4);
        assertEquals(
                "system of the suite,data held,DSR actions answered,version\r\n"
                        + "contact-service,\"persons, organisation links and activities\",EXPORT; ERASE; RESTRICT,1.0\r\n"
                        + "incident-service,breach entries <i>naming</i> the person,EXPORT; ERASE,1.0\r\n",
                systems);

        String page = export("/export.html", DemoUser.DPO);
        assertTrue(page.contains("Systems of the suite"), page);
        assertTrue(page.contains("id=\"system-contact-service\""), page);
        assertTrue(page.contains("EXPORT, ERASE, RESTRICT"), page);
        assertTrue(page.contains("breach entries &lt;i&gt;naming&lt;/i&gt; the person"), page);
        assertFalse(page.contains("suite-systems-unavailable"), page);
    }

    @Test
    void withoutAnAnswerFromErasureServiceTheRegisterIsExportedAndSaysTheListIsUnavailable() {
        for (String mode : List.of("failing", "gone")) {
            steer(mode);
            given().auth()
                    .oauth2(staff(DemoUser.DPO))
                    .when()
                    .get(REGISTER)
                    .then()
                    .statusCode(200)
                    .body("suiteSystems.available", equalTo(false))
                    .body("suiteSystems.systems", hasSize(0));
            String csv = export("/export.csv", DemoUser.DPO);
            assertEquals(
                    "system of the suite,data held,DSR actions answered,version\r\n"
                            + "The systems of the suite are unavailable: erasure-service did not answer.\r\n",
                    csv.substring(csv.lastIndexOf("\r\n\r\n") + 4),
                    mode);
            String page = export("/export.html", DemoUser.ADMIN);
            assertTrue(page.contains("id=\"suite-systems-unavailable\""), page);
            assertFalse(page.contains("id=\"suite-systems\""), page);
        }
    }

    private static String export(String path, DemoUser user) {
        return given().auth()
                .oauth2(staff(user))
                .when()
                .get(REGISTER + path)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    /** Sets the stub's mode ({@code up}, {@code failing}, {@code gone}), or reads what it saw. */
    private String steer(String what) {
        var call = given().baseUri(erasureService).when();
        return (what.equals("authorization") ? call.get("/stub/authorization") : call.post("/stub/" + what))
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }
}
