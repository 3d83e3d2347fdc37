package org.gdprsuite.erasure;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.gdprsuite.erasure.fanout.ContactServiceSubjects.Subject;
import org.gdprsuite.runtime.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;

/**
 * contact-service's subject lookup as the tests set it up (the persons of {@link TestBeans.KnownSubjects}), served by
 * the service under test itself: its real bearer check (Keycloak's token, audience, role) lets in only the role
 * contact-service lets in for erasure-service's own identity.
 */
@Path("/api/contacts/subjects")
@RolesAllowed(Roles.SUBJECT_LOOKUP)
public class ContactServiceStandIn {

    /** Persons contact-service holds as anonymized (erased): never a centre's person. */
    static final Set<UUID> ANONYMIZED = ConcurrentHashMap.newKeySet();

    /** Addresses contact-service cannot answer for (out of reach): the centre falls back to staff's match. */
    static final Set<String> UNREACHABLE = ConcurrentHashMap.newKeySet();

    @GET
    public List<Subject> subjects(@QueryParam("email") String email) {
        if (UNREACHABLE.contains(email)) {
            throw new WebApplicationException(503);
        }
        return TestBeans.KnownSubjects.BY_EMAIL.getOrDefault(email, List.of()).stream()
                .map(id -> new Subject(id, false, ANONYMIZED.contains(id)))
                .toList();
    }
}
