package org.gdprsuite.runtime.internal.web;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** An authenticated caller's answer is not stored by any cache; an anonymous refusal carries no policy. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class NoStoreResponsesTest {

    @Test
    void anAuthenticatedAnswerIsNoStore() {
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .when()
                .get("/toy/whoami")
                .then()
                .statusCode(200)
                .header("Cache-Control", equalTo("no-store"));
        given().when().get("/toy/whoami").then().statusCode(401).header("Cache-Control", nullValue());
    }
}
