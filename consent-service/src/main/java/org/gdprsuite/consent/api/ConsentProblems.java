package org.gdprsuite.consent.api;

import java.util.List;

import org.gdprsuite.consent.domain.Backdating.BackdatedRecordException;
import org.gdprsuite.consent.domain.SubjectRef.SubjectProblem;
import org.gdprsuite.consent.domain.UnknownPersonException;
import org.gdprsuite.consent.domain.UnknownPurposeException;
import org.gdprsuite.events.InvalidEventException;
import org.gdprsuite.runtime.problem.DomainProblem;
import org.gdprsuite.runtime.problem.Problem;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;

/** Problems of consent-service's own kinds of bad input. */
public class ConsentProblems {

    @ServerExceptionMapper
    public Response unknownPurpose(UnknownPurposeException e) {
        return new Problem(
                        "about:blank", "Unprocessable Content", 422, "The purpose is not in the catalogue.", List.of())
                .toResponse();
    }

    /** No orphans: a record for a person no service announced is refused, as unprocessable (never naming the id). */
    @ServerExceptionMapper
    public Response unknownPerson(UnknownPersonException e) {
        return unprocessable(
                "person-not-found", "No service of the suite knows a person with this id; nothing was recorded.");
    }

    /** No backdating: a past effective time needs an import or an integration event with evidence. */
    @ServerExceptionMapper
    public Response backdated(BackdatedRecordException e) {
        return unprocessable(
                "backdated-record",
                "The effective time lies in the past; only an import or an integration event with evidence may say so.");
    }

    private static Response unprocessable(String slug, String detail) {
        DomainProblem problem = DomainProblem.unprocessable(slug, detail);
        return new Problem(
                        problem.typeUri(), problem.kind().title, problem.kind().status, problem.getMessage(), List.of())
                .toResponse();
    }

    /**
     * A subject named in a way the suite cannot use: a malformed address, identities naming different persons, an
     * address several persons share (never quoting the input).
     */
    @ServerExceptionMapper
    public Response subject(SubjectProblem e) {
        return unprocessable(e.slug(), "The subject cannot be identified: " + e.getMessage() + ".");
    }

    /** The reason names the rule that failed (the codec never quotes values). */
    @ServerExceptionMapper
    public Response invalidEvent(InvalidEventException e) {
        return Problem.of(Status.BAD_REQUEST, "Invalid event: " + e.getMessage())
                .toResponse();
    }
}
