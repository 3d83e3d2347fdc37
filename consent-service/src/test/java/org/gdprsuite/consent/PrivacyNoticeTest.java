package org.gdprsuite.consent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.gdprsuite.consent.ConsentFixtures.staff;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * Privacy notices with their text (Art. 13/14): the DPO publishes a version per language, anyone reads it on a
 * public page (escaped) at the version's own address or at the stable address of the one in force; bad input is a
 * problem; versions kept as a hash only before texts were kept still show their hash.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class PrivacyNoticeTest {

    private static final String PUBLIC = "/public/consents/notices";

    @Inject
    DataSource dataSource;

    @Test
    void aNoticeRoundTripsAndIsReadOnItsPublicPageEscaped() {
        String language = language();
        String old = "n-" + UUID.randomUUID().toString().substring(0, 8);
        String current = "n-" + UUID.randomUUID().toString().substring(0, 8);
        String future = "n-" + UUID.randomUUID().toString().substring(0, 8);
        String text = "Wir verarbeiten Ihre Daten <script>alert('x')</script> & mehr.\n\nZweiter Absatz: Ihre Rechte.";
        publish(old, language, "Old notice", "The old text.", "2025-01-01T00:00:00Z");
        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "version", current,
                        "language", language,
                        "title", "Datenschutzhinweis",
                        "text", text,
                        "effectiveAt", "2026-01-01T00:00:00Z"))
                .when()
                .post("/api/consents/notices")
                .then()
                .statusCode(201)
                .body("language", equalTo(language))
                .body("textSha256", equalTo(sha256(text)))
                .body("createdBy", equalTo("dpo"))
                .body("url", endsWith(PUBLIC + "/" + current));
        publish(future, language, "Future notice", "Not yet.", "2099-01-01T00:00:00Z");

        given().auth()
                .oauth2(staff(DemoUser.SALES))
                .when()
                .get("/api/consents/notices/" + current)
                .then()
                .statusCode(200)
                .body("text", equalTo(text))
                .body("title", equalTo("Datenschutzhinweis"));

        given().when()
                .get(PUBLIC + "/" + current)
                .then()
                .statusCode(200)
                .contentType(ContentType.HTML)
                .body(containsString("Datenschutzhinweis"))
                .body(containsString("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; mehr."))
                .body(not(containsString("<script>")))
                .body(containsString("<p>Zweiter Absatz: Ihre Rechte.</p>"))
                .body(containsString(sha256(text)));
        // The stable address shows the version in force now: not the old one, not the future one.
        given().queryParam("lang", language)
                .when()
                .get(PUBLIC)
                .then()
                .statusCode(200)
                .body(containsString("id=\"version\">" + current + "<"))
                .body(containsString("href=\"" + PUBLIC + "/" + current + "\""));
        given().when().get(PUBLIC + "/" + old).then().statusCode(200).body(containsString("The old text."));
    }

    @Test
    void badInputIsAProblemAndAVersionIsNeverReplaced() {
        given().queryParam("lang", "<en>")
                .when()
                .get(PUBLIC)
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().when()
                .get(PUBLIC + "/no-such-version")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://gdpr-suite.org/problems/notice-not-found"));
        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "version",
                        "bad-lang",
                        "language",
                        "english",
                        "text",
                        "x",
                        "effectiveAt",
                        "2026-01-01T00:00:00Z"))
                .when()
                .post("/api/consents/notices")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        String version = "n-" + UUID.randomUUID().toString().substring(0, 8);
        publish(version, language(), "First", "First text.", "2026-01-01T00:00:00Z");
        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .contentType(ContentType.JSON)
                .body(Map.of("version", version, "text", "Other text.", "effectiveAt", "2026-02-01T00:00:00Z"))
                .when()
                .post("/api/consents/notices")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        given().when().get(PUBLIC + "/" + version).then().statusCode(200).body(containsString("First text."));
    }

    @Test
    void aVersionKeptAsAHashOnlyStillShowsItsHash() throws SQLException {
        String version = "hash-only-" + UUID.randomUUID().toString().substring(0, 8);
        String hash = sha256("A text from before texts were kept.");
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO privacy_notice (version, text_sha256, effective_at) VALUES (?, ?, ?)")) {
            insert.setString(1, version);
            insert.setString(2, hash);
            insert.setTimestamp(3, Timestamp.from(Instant.parse("2024-01-01T00:00:00Z")));
            insert.executeUpdate();
        }
        given().when()
                .get(PUBLIC + "/" + version)
                .then()
                .statusCode(200)
                .body(containsString("id=\"hash-only\""))
                .body(containsString(hash));
        given().auth()
                .oauth2(staff(DemoUser.SUPPORT))
                .when()
                .get("/api/consents/notices")
                .then()
                .statusCode(200)
                .body("find { it.version == '" + version + "' }.textSha256", equalTo(hash))
                .body("find { it.version == '" + version + "' }.url", nullValue());
    }

    /** A language of this run only, so that other tests' notices are not in force for it. */
    private static String language() {
        char[] letters = new char[3];
        for (int i = 0; i < letters.length; i++) {
            letters[i] = (char) ('a' + (int) (Math.random() * 26));
        }
        return new String(letters);
    }

    static void publish(String version, String language, String title, String text, String effectiveAt) {
        given().auth()
                .oauth2(staff(DemoUser.DPO))
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "version", version,
                        "language", language,
                        "title", title,
                        "text", text,
                        "effectiveAt", effectiveAt))
                .when()
                .post("/api/consents/notices")
                .then()
                .statusCode(201);
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
