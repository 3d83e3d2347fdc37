package org.gdprsuite.erasure;

import java.util.UUID;

import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** The personal data report speaks the person's language: the browser's (Accept-Language), English by default. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class ReportLanguageTest {

    @Test
    void aGermanBrowserReadsTheReportInGerman() {
        reportFor("de-DE,de;q=0.9,en;q=0.5")
                .body(containsString("<html lang=\"de\">"))
                .body(containsString("Ihre personenbezogenen Daten"))
                .body(containsString("Ihre Rechte und wie Sie sich beschweren können"))
                .body(containsString("Ada Lovelace"));
    }

    @Test
    void anotherLanguageGetsTheEnglishReport() {
        reportFor("fr-FR")
                .body(containsString("<html lang=\"en\">"))
                .body(containsString("Your rights and how to complain"))
                .body(not(containsString("<pre>")));
    }

    @Test
    void theRegisterInTheConsentSliceFillsRetentionAndRecipients() throws Exception {
        JsonNode consents = new ObjectMapper().readTree("""
                [{"personId": "7d4c2a4e-0000-4000-8000-000000000001",
                  "current": [{"purpose": "crm", "legalBasis": "LEGITIMATE_INTERESTS", "status": "GRANTED",
                               "since": "2025-01-01T00:00:00Z", "recordId": "r-1"}],
                  "ledger": [{"id": "r-1", "purpose": "crm", "status": "GRANTED", "source": "IMPORT",
                              "effectiveAt": "2025-01-01T00:00:00Z"}],
                  "informed": [],
                  "register": {"purposes": [{"purpose": "crm", "name": "Kundenbetreuung",
                    "retentionPeriod": "P3Y",
                    "registeredRecipients": [{"name": "Cloud CRM GmbH", "role": "PROCESSOR", "country": "DE"}]}]}}]
                """);
        UUID id = ReadyExports.ready(slices -> slices.set("consent-service", consents));
        reportFor("de-DE", id)
                .body(containsString("Cloud CRM GmbH"))
                .body(containsString("Auftragsverarbeiter in unserem Auftrag (Art. 28 DSGVO)"))
                .body(containsString("3 Jahre"))
                .body(containsString("Kundenbetreuung"))
                .body(not(containsString("noch nicht Teil dieses Berichts")));
    }

    private static ValidatableResponse reportFor(String acceptLanguage) {
        return reportFor(acceptLanguage, ReadyExports.ready());
    }

    /** A ready export read as a page by a browser that accepts these languages. */
    private static ValidatableResponse reportFor(String acceptLanguage, UUID id) {
        return given().header("Accept-Language", acceptLanguage)
                .accept("text/html")
                .formParam("token", ReadyExports.token(id))
                .formParam("format", "html")
                .when()
                .post("/public/requests/download")
                .then()
                .statusCode(200);
    }
}
