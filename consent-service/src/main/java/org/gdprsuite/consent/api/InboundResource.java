package org.gdprsuite.consent.api;

import org.gdprsuite.consent.domain.InboundConsents;
import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.runtime.security.Roles;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

/**
 * The REST way in for integrating systems: a {@code consent.recorded} or {@code consent.objection-changed}
 * CloudEvent (structured JSON), with the semantics of the {@code consent.inbound} topic — validated, applied once
 * per event id; one naming a person no service announced is refused with 422 ({@code person-not-found}).
 */
@Path("/api/consents/inbound")
@RolesAllowed(Roles.INTEGRATION)
public class InboundResource {

    @Inject
    InboundConsents inbound;

    @Inject
    SecurityIdentity identity;

    public record Accepted(String id, boolean duplicate) {}

    @POST
    @Consumes({CloudEvent.STRUCTURED_CONTENT_TYPE, MediaType.APPLICATION_JSON})
    public Response receive(String body) {
        if (body == null || body.isBlank()) {
            throw new BadRequestException("A consent.recorded or consent.objection-changed CloudEvent is required.");
        }
        CloudEvent event = EventCodec.parse(body);
        boolean applied = inbound.applyOnce(event, identity.getPrincipal().getName());
        return Response.status(applied ? Status.CREATED : Status.OK)
                .entity(new Accepted(event.id(), !applied))
                .build();
    }
}
