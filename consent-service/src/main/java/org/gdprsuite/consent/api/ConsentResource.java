package org.gdprsuite.consent.api;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.consent.api.ConsentViews.RecordView;
import org.gdprsuite.consent.api.ConsentViews.StateView;
import org.gdprsuite.consent.domain.ConsentLedger;
import org.gdprsuite.consent.domain.ConsentLedger.Entry;
import org.gdprsuite.consent.domain.ConsentLedger.Evidence;
import org.gdprsuite.consent.domain.ConsentRecord;
import org.gdprsuite.consent.domain.ConsentSource;
import org.gdprsuite.consent.domain.ConsentStatus;
import org.gdprsuite.consent.domain.Decision;
import org.gdprsuite.consent.domain.InformationMails;
import org.gdprsuite.consent.domain.LegalBasis;
import org.gdprsuite.consent.domain.Purposes;
import org.gdprsuite.runtime.security.Roles;
import org.gdprsuite.runtime.web.Results;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

/**
 * A person's consent ledger: current state, history, proof at a date, recording and withdrawing. The class's roles
 * are those who record and withdraw; each read names its own.
 */
@Path("/api/consents/persons/{personId}")
@RolesAllowed({Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.DPO, Roles.ADMIN})
public class ConsentResource {

    @Inject
    ConsentLedger ledger;

    @Inject
    SecurityIdentity identity;

    @Inject
    Purposes purposes;

    @Inject
    Clock clock;

    @Inject
    InformationMails informationMails;

    /** The person's current bases, and the information mails (Art. 13/14) they were sent. */
    public record PersonConsents(UUID personId, List<StateView> purposes, List<InformationMails.Informed> informed) {}

    public record EvidenceRequest(
            @Size(max = 45) String ip,
            @Size(max = 1000) String userAgent,
            @Size(max = 200) String formId) {}

    /** A record made by staff (e.g. consent given on the phone) or a front-end. */
    public record RecordRequest(
            @NotNull LegalBasis legalBasis,
            @NotNull ConsentStatus status,
            Instant effectiveAt,
            @NotNull ConsentSource source,
            @Size(max = 100) String channel,
            @Size(max = 100) String noticeVersion,
            @Valid EvidenceRequest evidence) {

        @AssertTrue(message = "SYSTEM is reserved for the suite's own records")
        public boolean isSourceNotSystem() {
            return source != ConsentSource.SYSTEM;
        }
    }

    public record WithdrawalRequest(
            @NotNull ConsentSource source, @Size(max = 100) String channel) {}

    /** Whether the ledger had a basis in force at a date, and which record proves it. */
    public record Proof(UUID personId, String purpose, Instant at, boolean allowed, RecordView record) {}

    @GET
    @RolesAllowed({Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.FINANCE, Roles.DPO, Roles.ADMIN})
    public PersonConsents current(@PathParam("personId") UUID personId) {
        return new PersonConsents(
                personId,
                ledger.currentStates(personId).stream().map(StateView::of).toList(),
                informationMails.of(personId));
    }

    @GET
    @Path("/purposes/{purpose}/history")
    @RolesAllowed({Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.FINANCE, Roles.DPO, Roles.ADMIN})
    public Results<RecordView> history(
            @PathParam("personId") UUID personId,
            @PathParam("purpose") String purpose,
            @QueryParam("page") @DefaultValue("0") @Min(0) int page,
            @QueryParam("size") @DefaultValue("100") @Min(1) @Max(1000) int size) {
        purposes.get(purpose);
        Results<ConsentRecord> records = ledger.history(personId, purpose, page, size);
        return new Results<>(records.items().stream().map(RecordView::of).toList(), page, size, records.total());
    }

    /** Art. 7(1): which basis was valid at {@code at} (default now), with the record that proves it. */
    @GET
    @Path("/purposes/{purpose}/proof")
    @RolesAllowed({Roles.DPO, Roles.ADMIN})
    public Proof proof(
            @PathParam("personId") UUID personId, @PathParam("purpose") String purpose, @QueryParam("at") String at) {
        purposes.get(purpose);
        Instant instant = at == null ? clock.instant() : parseInstant(at);
        ConsentRecord record = ledger.inForceAt(personId, purpose, instant).orElse(null);
        boolean allowed = record != null && Decision.allows(record.status, record.validUntil, instant);
        return new Proof(personId, purpose, instant, allowed, record == null ? null : RecordView.of(record));
    }

    @POST
    @Path("/purposes/{purpose}")
    public Response record(
            @PathParam("personId") UUID personId,
            @PathParam("purpose") String purpose,
            @NotNull @Valid RecordRequest request) {
        purposes.get(purpose);
        EvidenceRequest e = request.evidence();
        ConsentRecord record = ledger.record(new Entry(
                personId,
                purpose,
                request.legalBasis(),
                request.status(),
                request.effectiveAt(),
                request.source(),
                request.channel(),
                request.noticeVersion(),
                e == null ? null : new Evidence(e.ip(), e.userAgent(), e.formId()),
                recordedBy(),
                null));
        return Response.status(Status.CREATED).entity(RecordView.of(record)).build();
    }

    /** Withdrawal: one call, no body needed beyond where it came from. */
    @POST
    @Path("/purposes/{purpose}/withdrawal")
    public Response withdraw(
            @PathParam("personId") UUID personId,
            @PathParam("purpose") String purpose,
            @Valid WithdrawalRequest request) {
        purposes.get(purpose);
        ConsentSource source = request == null ? ConsentSource.MANUAL : request.source();
        if (source == ConsentSource.SYSTEM) {
            throw new BadRequestException("SYSTEM is reserved for the suite's own records.");
        }
        ConsentRecord record = ledger.withdraw(
                personId, purpose, source, request == null ? null : request.channel(), null, recordedBy());
        return Response.status(Status.CREATED).entity(RecordView.of(record)).build();
    }

    private String recordedBy() {
        return identity.getPrincipal().getName();
    }

    private static Instant parseInstant(String at) {
        try {
            return Instant.parse(at);
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadRequestException("'at' must be an ISO-8601 instant such as 2026-01-31T12:00:00Z.");
        }
    }
}
