package org.gdprsuite.systemtest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.lang.JoseException;

/**
 * Bearer tokens an attacker could make from a real one: the same claims (issuer, audience, roles), fresh
 * times, but signed with a key of their own (announced under the realm key's id), or not signed at all.
 */
final class ForgedTokens {

    private ForgedTokens() {}

    static String resignedWithAnotherKey(String realToken) {
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(freshClaims(realToken).toJson());
            jws.setKey(key.getPrivateKey());
            jws.setKeyIdHeaderValue(header(realToken, "kid"));
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
            return jws.getCompactSerialization();
        } catch (JoseException | InvalidJwtException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg: none}: the claims of a real token with no signature. */
    static String unsigned(String realToken) {
        try {
            Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
            return base64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                    + base64.encodeToString(freshClaims(realToken).toJson().getBytes(StandardCharsets.UTF_8)) + ".";
        } catch (InvalidJwtException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JwtClaims freshClaims(String realToken) throws InvalidJwtException {
        JwtClaims claims = JwtClaims.parse(part(realToken, 1));
        long now = Instant.now().getEpochSecond();
        claims.setIssuedAt(NumericDate.fromSeconds(now));
        claims.setExpirationTime(NumericDate.fromSeconds(now + 3600));
        return claims;
    }

    private static String header(String token, String name) {
        String json = part(token, 0);
        java.util.regex.Matcher value = java.util.regex.Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"")
                .matcher(json);
        return value.find() ? value.group(1) : null;
    }

    private static String part(String token, int index) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[index]), StandardCharsets.UTF_8);
    }
}
