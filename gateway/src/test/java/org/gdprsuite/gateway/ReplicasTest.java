package org.gdprsuite.gateway;

import java.util.HashMap;
import java.util.Map;

import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A service run as several instances, one of them refusing connections ({@link Replicas}). */
@QuarkusTest
@WithTestResource(SuiteStack.class)
@WithTestResource(Replicas.class)
class ReplicasTest {

    @Test
    void callsThatCanBeRepeatedAreSpreadOverTheInstancesThatAnswer() {
        Map<String, Integer> answeredBy = new HashMap<>();
        for (int call = 0; call < 12; call++) {
            Response response = given().when().get("/public/incidents/status");
            assertEquals(200, response.statusCode(), "call " + call);
            answeredBy.merge(response.jsonPath().getString("instance"), 1, Integer::sum);
        }
        // In turn: one, (refusing → two), two, one, (refusing → two), two, ...
        assertTrue(answeredBy.getOrDefault("one", 0) >= 3, answeredBy::toString);
        assertTrue(answeredBy.getOrDefault("two", 0) >= 3, answeredBy::toString);
        assertEquals(
                12, answeredBy.values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void aCallThatCannotBeRepeatedIsNeverSentTwice() {
        int before = Replicas.received("one", "POST") + Replicas.received("two", "POST");
        int answered = 0;
        int refused = 0;
        for (int call = 0; call < 9; call++) {
            int status = given().contentType("application/json")
                    .body("{}")
                    .when()
                    .post("/public/incidents/reports")
                    .statusCode();
            if (status == 200) {
                answered++;
            } else {
                assertEquals(503, status, "call " + call);
                refused++;
            }
        }
        int received = Replicas.received("one", "POST") + Replicas.received("two", "POST") - before;
        assertEquals(answered, received, "each POST answered reached exactly one instance");
        assertEquals(3, refused, "every third POST meets the refusing instance and is not sent elsewhere");
    }
}
