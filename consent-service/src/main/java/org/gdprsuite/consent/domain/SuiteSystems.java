package org.gdprsuite.consent.domain;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

/**
 * The suite's own systems that hold personal data, for the record of processing: each service announces its slice
 * and the data-subject actions it answers on dsr.replies, which erasure-service alone reads. So they are asked from
 * erasure-service's {@code GET /api/requests/participants}, with the caller's own token, never typed in twice. When
 * erasure-service does not answer, the register is still shown and says the list is unavailable.
 */
@ApplicationScoped
public class SuiteSystems {

    private static final Logger LOG = Logger.getLogger(SuiteSystems.class);

    /** Pages of erasure-service's list read at most: the suite has a handful of participants. */
    private static final int MAX_PAGES = 10;

    private static final int PAGE_SIZE = 500;

    /** A system of the suite: its name, version, the data it holds and the DSR actions it answers. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SuiteSystem(String name, String version, String slice, List<String> actions) {

        public SuiteSystem {
            actions = actions == null ? List.of() : List.copyOf(actions);
        }
    }

    /** The list as the register shows it: {@code available=false} (and no systems) when it could not be read. */
    public record Listing(boolean available, List<SuiteSystem> systems) {

        static Listing unavailable() {
            return new Listing(false, List.of());
        }
    }

    /** One page of erasure-service's answer (the suite's Results). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Page(List<SuiteSystem> items, long total) {}

    @RegisterRestClient(configKey = "erasure-service")
    @Path("/api/requests/participants")
    public interface Client {
        @GET
        Page participants(
                @QueryParam("page") int page,
                @QueryParam("size") int size,
                @HeaderParam("Authorization") String authorization);
    }

    @Inject
    @RestClient
    Client client;

    /** The systems as erasure-service knows them, asked with {@code bearerToken}; unavailable if it fails. */
    public Listing list(String bearerToken) {
        List<SuiteSystem> systems = new ArrayList<>();
        try {
            for (int page = 0; page < MAX_PAGES; page++) {
                Page found = client.participants(page, PAGE_SIZE, "Bearer " + bearerToken);
                systems.addAll(found.items());
                if (found.items().isEmpty() || systems.size() >= found.total()) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            // Nothing personal in the answer or the error: the participants list names services only.
            LOG.warnf("The suite's systems are left out of the register: erasure-service did not answer (%s)", e);
            return Listing.unavailable();
        }
        return new Listing(true, List.copyOf(systems));
    }
}
