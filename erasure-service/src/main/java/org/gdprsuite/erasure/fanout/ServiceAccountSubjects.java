package org.gdprsuite.erasure.fanout;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.gdprsuite.erasure.config.ErasureConfig;
import org.jboss.logging.Logger;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/**
 * Resolves an address a person proved (privacy centre) to the persons holding it, with contact-service's
 * {@code GET /api/contacts/subjects} on the service's own identity: Keycloak client {@code erasure-service}, client
 * credentials, whose service account holds only the role subject-lookup. The centre's visitors carry no token, and
 * staff need not match the address first. The token comes from quarkus-oidc-client, cached and renewed by it.
 */
@ApplicationScoped
public class ServiceAccountSubjects {

    private static final Logger LOG = Logger.getLogger(ServiceAccountSubjects.class);

    @RegisterRestClient(configKey = "contact-service")
    @Path("/api/contacts/subjects")
    @OidcClientFilter
    public interface Client {
        @GET
        List<ContactServiceSubjects.Subject> subjects(@QueryParam("email") String email);
    }

    @Inject
    @RestClient
    Client client;

    @Inject
    ErasureConfig config;

    /** Whether the service has an identity of its own (only dev and test have a secret by default). */
    public boolean available() {
        return config.erasure().clientSecret().isPresent();
    }

    /**
     * The persons holding the address now, erased ones left out; empty when the service has no identity or
     * contact-service could not answer (the caller then falls back to what staff matched).
     */
    public Optional<List<UUID>> personIds(String address) {
        if (!available()) {
            return Optional.empty();
        }
        try {
            return Optional.of(client.subjects(address).stream()
                    .filter(subject -> !subject.anonymized())
                    .map(ContactServiceSubjects.Subject::personId)
                    .toList());
        } catch (RuntimeException unavailable) {
            // Never the address: only that the lookup failed, and how.
            LOG.warnf(
                    "contact-service did not resolve a proved address (%s); the centre falls back to staff's match",
                    unavailable.getClass().getSimpleName());
            return Optional.empty();
        }
    }
}
