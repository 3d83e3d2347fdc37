package org.gdprsuite.systemtest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.gdprsuite.testsupport.DemoUser;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Object-level access on the public pages, where no token says who calls: a signed link grants one scope
 * on one subject until it expires. A link for person A neither reads nor changes person B, nor opens
 * another kind of page; a DSR download link is refused once expired, used or not (opening it uses nothing).
 */
class SignedLinksTest extends SystemTest {

    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    @Test
    void aPreferenceLinkForOnePersonNeitherReadsNorChangesAnother() {
        UUID a = createPerson("Alma", "Adler", uniqueEmail("alma.adler"), Map.of());
        UUID b = createPerson("Bruno", "Berg", uniqueEmail("bruno.berg"), Map.of());
        subscribe(a, PRODUCT_NEWS, true);
        subscribe(b, PRODUCT_NEWS, true);
        String tokenOfA = preferenceToken(a);
        Map<String, Object> bBefore = preferencesOf(b);

        anonymous()
                .queryParam("token", tokenOfA)
                .when()
                .get("/public/subscriptions/preferences/choices")
                .then()
                .statusCode(200)
                .body("subscriptions." + PRODUCT_NEWS, equalTo(true));
        // A's token with B's id in place of A's (signature of A kept): refused, as a read and as a change.
        String[] parts = tokenOfA.split("\\.");
        String aimedAtB = parts[0] + "." + BASE64.encodeToString(b.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2] + "." + parts[3];
        anonymous()
                .queryParam("token", aimedAtB)
                .when()
                .get("/public/subscriptions/preferences/choices")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        anonymous()
                .queryParam("token", aimedAtB)
                .contentType(ContentType.JSON)
                .body(Map.of("subscriptions", Map.of(PRODUCT_NEWS, false), "globalOptOut", true))
                .when()
                .put("/public/subscriptions/preferences/choices")
                .then()
                .statusCode(403);
        anonymous()
                .queryParam("token", aimedAtB)
                .formParam("globalOptOut", "on")
                .when()
                .post("/public/subscriptions/preferences")
                .then()
                .statusCode(403);
        // A's own link opens only A's preference centre: not a consent confirmation, an unsubscription or a download.
        anonymous()
                .queryParam("token", tokenOfA)
                .when()
                .get("/public/consents/confirm")
                .then()
                .statusCode(403);
        anonymous()
                .queryParam("token", tokenOfA)
                .when()
                .post("/public/subscriptions/unsubscribe")
                .then()
                .statusCode(403);
        anonymous()
                .queryParam("token", tokenOfA)
                .when()
                .get("/public/requests/download")
                .then()
                .statusCode(403);
        anonymous()
                .queryParam("token", tokenOfA)
                .when()
                .get("/public/requests/verify")
                .then()
                .statusCode(403);
        withFormOf("/public/requests")
                .formParam("token", tokenOfA)
                .when()
                .post("/public/requests/verify")
                .then()
                .statusCode(403);
        // What A's link may change, it changes for A only.
        anonymous()
                .queryParam("token", tokenOfA)
                .contentType(ContentType.JSON)
                .body(Map.of("subscriptions", Map.of(PRODUCT_NEWS, false), "globalOptOut", true))
                .when()
                .put("/public/subscriptions/preferences/choices")
                .then()
                .statusCode(200)
                .body("globalOptOut", equalTo(true));
        assertEquals(bBefore, preferencesOf(b), "B's preferences");
    }

    @Test
    void aDownloadLinkIsRefusedOnceExpiredUsedOrNot() {
        String email = uniqueEmail("dora.decker");
        createPerson("Dora", "Decker", email, Map.of());
        eventually()
                .until(() -> as(DemoUser.DPO)
                                .when()
                                .get("/api/requests/participants")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getList("items.name")
                                .size()
                        >= 4);
        // Staff cannot send an export to an address typed in: only to the one on file for the person.
        as(DemoUser.SUPPORT)
                .contentType(ContentType.JSON)
                .body(Map.of("type", "ACCESS", "email", uniqueEmail("not.on.file")))
                .when()
                .post("/api/requests")
                .then()
                .statusCode(422)
                .body("type", equalTo("https://gdpr-suite.org/problems/address-not-on-file"));
        String request = as(DemoUser.SUPPORT)
                .contentType(ContentType.JSON)
                .body(Map.of("type", "ACCESS", "email", email))
                .when()
                .post("/api/requests")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        as(DemoUser.DPO)
                .when()
                .post("/api/requests/" + request + "/approval")
                .then()
                .statusCode(200);
        eventually()
                .until(() -> "COMPLETED"
                        .equals(as(DemoUser.DPO)
                                .when()
                                .get("/api/requests/" + request)
                                .then()
                                .extract()
                                .path("status")));

        // The same link as the mailed one (scope, request, key), only its expiry differs.
        String expired = downloadToken(request, Instant.now().minusSeconds(60));
        anonymous()
                .queryParam("token", expired)
                .when()
                .get("/public/requests/download")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        anonymous()
                .formParam("token", expired)
                .when()
                .post("/public/requests/download")
                .then()
                .statusCode(403);
        String valid = downloadToken(request, Instant.now().plusSeconds(600));
        anonymous()
                .queryParam("token", valid)
                .when()
                .get("/public/requests/download")
                .then()
                .statusCode(200);
        anonymous()
                .accept(ContentType.JSON)
                .formParam("token", valid)
                .when()
                .post("/public/requests/download")
                .then()
                .statusCode(200)
                .body("requestId", equalTo(request))
                .body("slices.contact-service[0].person.email", equalTo(email));
        anonymous()
                .formParam("token", valid)
                .when()
                .post("/public/requests/download")
                .then()
                .statusCode(410);
        anonymous()
                .queryParam("token", valid)
                .when()
                .get("/public/requests/download")
                .then()
                .statusCode(410);
        anonymous()
                .queryParam("token", expired)
                .when()
                .get("/public/requests/download")
                .then()
                .statusCode(403);
    }

    private static String preferenceToken(UUID person) {
        String link = as(DemoUser.SALES)
                .when()
                .post("/api/subscriptions/persons/" + person + "/preferences-link")
                .then()
                .statusCode(200)
                .extract()
                .path("link");
        return link.substring(link.indexOf("token=") + "token=".length());
    }

    private static Map<String, Object> preferencesOf(UUID person) {
        return as(DemoUser.SALES)
                .when()
                .get("/api/subscriptions/persons/" + person)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getMap("$");
    }

    /** A link token as the suite signs them: scope.subject.expiry.HMAC-SHA256, with this run's key. */
    private static String downloadToken(String request, Instant expiresAt) {
        String unsigned = BASE64.encodeToString("dsr-download".getBytes(StandardCharsets.UTF_8)) + "."
                + BASE64.encodeToString(request.getBytes(StandardCharsets.UTF_8)) + "." + expiresAt.getEpochSecond();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(suite.linkSigningKey().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return unsigned + "." + BASE64.encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
