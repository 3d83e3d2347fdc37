package org.gdprsuite.runtime.internal.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The cache of verified bearer tokens with real Keycloak tokens: a token is verified once and then answered
 * from memory (the counters of {@link CachingBearerIdentityProvider} tell which), every other token is verified
 * on its own, and whatever verification refuses is refused every time, also once it has expired after being
 * cached.
 */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class BearerTokenCacheTest {

    private static final Pattern EXP = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)");

    @Inject
    MeterRegistry metrics;

    private record Counts(double cached, double verified, double refused) {
        Counts minus(Counts before) {
            return new Counts(cached - before.cached, verified - before.verified, refused - before.refused);
        }
    }

    @Test
    void aTokenIsVerifiedOnceThenAnsweredFromTheCache() {
        String token = Tokens.fresh(DemoUser.SALES);
        Counts start = counts();
        callAs(token, "sales");
        assertEquals(new Counts(0, 1, 0), counts().minus(start));
        Counts verified = counts();
        callAs(token, "sales");
        callAs(token, "sales");
        assertEquals(new Counts(2, 0, 0), counts().minus(verified), "answered from the cache, not verified again");
    }

    @Test
    void anotherTokenIsVerifiedOnItsOwn() {
        String sales = Tokens.fresh(DemoUser.SALES);
        callAs(sales, "sales");
        Counts start = counts();
        callAs(Tokens.fresh(DemoUser.MARKETING), "marketing");
        // The same person's next token is another key: verified too.
        callAs(Tokens.fresh(DemoUser.SALES), "sales");
        assertEquals(new Counts(0, 2, 0), counts().minus(start));
        Counts verified = counts();
        callAs(sales, "sales");
        assertEquals(new Counts(1, 0, 0), counts().minus(verified));
    }

    @Test
    void whatVerificationRefusesIsRefusedEveryTimeEvenBesideACachedToken() throws GeneralSecurityException {
        String valid = Tokens.fresh(DemoUser.SALES);
        callAs(valid, "sales");
        Counts start = counts();
        for (String refused :
                new String[] {signedByAnotherKey(valid), unsigned(valid), Tokens.otherAudience(DemoUser.SALES)}) {
            refusedTwice(refused);
        }
        assertEquals(new Counts(0, 0, 6), counts().minus(start));
    }

    @Test
    void aCachedTokenIsRefusedOnceItHasExpired() throws InterruptedException {
        // The token lives a few seconds: on a busy machine it may be gone before its first call, then take another.
        String token = null;
        for (int attempt = 0; attempt < 5 && token == null; attempt++) {
            String candidate = Tokens.shortLived(DemoUser.SALES);
            Counts before = counts();
            if (status(candidate) == 200) {
                assertEquals(new Counts(0, 1, 0), counts().minus(before), "verified, and now in the cache");
                token = candidate;
            }
        }
        assertNotNull(token, "no short-lived token was accepted while valid");

        long msUntilExpired = expiry(token).toEpochMilli() + 1_000 - System.currentTimeMillis();
        Thread.sleep(Math.max(0, msUntilExpired));
        Counts expired = counts();
        assertEquals(401, status(token));
        assertEquals(
                new Counts(0, 0, 1),
                counts().minus(expired),
                "not answered from the cache but refused by verification");
    }

    private static int status(String token) {
        return given().auth()
                .oauth2(token)
                .when()
                .get("/toy/whoami")
                .then()
                .extract()
                .statusCode();
    }

    private static void callAs(String token, String name) {
        given().auth()
                .oauth2(token)
                .when()
                .get("/toy/whoami")
                .then()
                .statusCode(200)
                .body("name", equalTo(name))
                .body("ofThisRequest", equalTo(true));
    }

    private static void refusedTwice(String token) {
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(token).when().get("/toy/whoami").then().statusCode(401);
        }
    }

    private Counts counts() {
        return new Counts(count("cached"), count("verified"), count("refused"));
    }

    private double count(String outcome) {
        return metrics.get("gdpr.security.bearer.tokens")
                .tag("outcome", outcome)
                .counter()
                .count();
    }

    /** The token's header and claims with an RS256 signature of a key that is not the realm's. */
    private static String signedByAnotherKey(String token) throws GeneralSecurityException {
        String signed = token.substring(0, token.lastIndexOf('.'));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initSign(generator.generateKeyPair().getPrivate());
        rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
        return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rs256.sign());
    }

    /** The token's claims under {@code alg: none}, without a signature. */
    private static String unsigned(String token) {
        String header = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        return header + "." + token.split("\\.")[1] + ".";
    }

    private static Instant expiry(String token) {
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher exp = EXP.matcher(claims);
        if (!exp.find()) {
            throw new IllegalStateException("token without exp");
        }
        return Instant.ofEpochSecond(Long.parseLong(exp.group(1)));
    }
}
