package org.gdprsuite.erasure;

import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

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

    /** A ready export read as a page by a browser that accepts these languages. */
    private static ValidatableResponse reportFor(String acceptLanguage) {
        return given().header("Accept-Language", acceptLanguage)
                .accept("text/html")
                .formParam("token", ReadyExports.token(ReadyExports.ready()))
                .formParam("format", "html")
                .when()
                .post("/public/requests/download")
                .then()
                .statusCode(200);
    }
}
