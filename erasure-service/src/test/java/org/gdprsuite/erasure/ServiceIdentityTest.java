package org.gdprsuite.erasure;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.gdprsuite.erasure.fanout.ServiceAccountSubjects;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * erasure-service's own identity against the real Keycloak: client erasure-service, client credentials, a token for
 * the suite's audience holding the role subject-lookup and nothing else; with it a proved address is resolved at
 * contact-service (stood in for by {@link ContactServiceStandIn}, which checks the token as contact-service does).
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
@TestProfile(PortalTest.OwnRateLimit.class)
class ServiceIdentityTest {

    @Inject
    OidcClient client;

    @Inject
    ServiceAccountSubjects subjects;

    @Test
    void theServiceSignsInAsItsOwnClientHoldingOnlyTheSubjectLookupRole() throws Exception {
        String token = client.getTokens().await().indefinitely().getAccessToken();
        JsonNode claims = new ObjectMapper()
                .readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));

        assertEquals("erasure-service", claims.get("azp").asText());
        assertEquals(List.of("subject-lookup"), roles(claims));
        assertTrue(
                claims.get("aud").toString().contains("gdpr-suite"),
                claims.get("aud").toString());
        // Staff's endpoints refuse it: it may look up subjects and nothing more.
        given().auth().oauth2(token).get("/api/requests").then().statusCode(403);
        given().auth()
                .oauth2(token)
                .post("/api/requests/" + UUID.randomUUID() + "/approval")
                .then()
                .statusCode(403);
    }

    @Test
    void aProvedAddressIsResolvedWithThatIdentityLeavingErasedPersonsOut() {
        String email = "identity-" + UUID.randomUUID() + "@example.org";
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID erased = UUID.randomUUID();
        TestBeans.KnownSubjects.BY_EMAIL.put(email, List.of(first, second, erased));
        ContactServiceStandIn.ANONYMIZED.add(erased);

        assertTrue(subjects.available());
        assertEquals(Optional.of(List.of(first, second)), subjects.personIds(email));
        assertEquals(Optional.of(List.of()), subjects.personIds("nobody-" + UUID.randomUUID() + "@example.org"));
        // The stand-in checks the role as contact-service does: a staff member without it is refused.
        given().auth()
                .oauth2(Tokens.of(DemoUser.SALES))
                .queryParam("email", email)
                .get("/api/contacts/subjects")
                .then()
                .statusCode(403);
    }

    private static List<String> roles(JsonNode claims) {
        return java.util.stream.StreamSupport.stream(
                        claims.path("realm_access").path("roles").spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }
}
