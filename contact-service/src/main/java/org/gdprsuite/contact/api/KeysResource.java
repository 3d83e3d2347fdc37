package org.gdprsuite.contact.api;

import java.util.Map;

import org.gdprsuite.runtime.crypto.SubjectKeys;
import org.gdprsuite.runtime.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

/**
 * The data keys that seal sensitive fields (one per person): how many each master key wraps, and the
 * rotation that re-wraps them all under the active master key (set GDPR_CRYPTO_ACTIVE_MASTER_KEY to the
 * new key, keep the old one listed, rotate, then retire the old one once it wraps nothing).
 */
@Path("/api/contacts/keys")
@RolesAllowed(Roles.ADMIN)
public class KeysResource {

    @Inject
    SubjectKeys keys;

    /** Live data keys per master key id; {@code destroyed}: persons erased by crypto-shredding. */
    @GET
    public Map<String, Long> keysPerMasterKey() {
        return keys.keysPerMasterKey();
    }

    @POST
    @Path("/rotate")
    public SubjectKeys.Rotation rotate() {
        return keys.rotate();
    }
}
