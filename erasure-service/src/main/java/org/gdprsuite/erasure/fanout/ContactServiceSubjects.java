package org.gdprsuite.erasure.fanout;

import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/** Resolves subjects with contact-service's {@code GET /api/contacts/subjects}, with the caller's own token. */
@ApplicationScoped
public class ContactServiceSubjects implements SubjectResolver {

    /** contact-service's answer: ids only, never names. */
    public record Subject(UUID personId, boolean restricted, boolean anonymized) {}

    @RegisterRestClient(configKey = "contact-service")
    @Path("/api/contacts/subjects")
    public interface Client {
        @GET
        List<Subject> subjects(@QueryParam("email") String email, @HeaderParam("Authorization") String authorization);
    }

    @Inject
    @RestClient
    Client client;

    @Override
    public List<UUID> personIds(String email, String bearerToken) {
        return client.subjects(email, "Bearer " + bearerToken).stream()
                .map(Subject::personId)
                .toList();
    }
}
