package org.gdprsuite.consent.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.gdprsuite.consent.domain.SubjectRef.Identity;
import org.gdprsuite.runtime.crypto.SubjectKeys;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The keyed hash an identity is stored and found by (HMAC-SHA256, hex): the address or external id itself is never
 * kept. The key is a data key of the suite's key store under a name of this service's own, so it is wrapped by the
 * master keys like every other key and needs no secret of its own; destroying it would orphan the index.
 */
@ApplicationScoped
public class IdentityIndex {

    /** The key store's name of the index key (never a person id, so no erasure destroys it). */
    static final String KEY_NAME = "consent-service/identity-index";

    @Inject
    SubjectKeys keys;

    private volatile SecretKeySpec key;

    public String hash(Identity identity) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key());
            return HexFormat.of()
                    .formatHex(
                            mac.doFinal((identity.kind() + "\n" + identity.text()).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            current = new SecretKeySpec(keys.forWriting(KEY_NAME).getEncoded(), "HmacSHA256");
            key = current;
        }
        return current;
    }
}
