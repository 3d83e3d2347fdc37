package org.gdprsuite.contact.domain;

import java.util.UUID;

import org.gdprsuite.runtime.problem.DomainProblem;
import org.gdprsuite.runtime.web.Results;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Organisations persons work for: listed by name, found by id, created. */
@ApplicationScoped
public class Organisations {

    /** A page by name; {@code name}, when given, keeps those whose name contains it (any case). */
    public Results<Organisation> list(String name, int page, int size) {
        String byName = "order by lower(name), id";
        return Pages.of(
                name == null || name.isBlank()
                        ? Organisation.find(byName)
                        : Organisation.find(
                                "lower(name) like ?1" + Pages.ESCAPE + " " + byName, Pages.containing(name)),
                page,
                size);
    }

    public Organisation find(UUID id) {
        return Organisation.<Organisation>findByIdOptional(id)
                .orElseThrow(() -> DomainProblem.notFound("organisation-not-found", "No such organisation."));
    }

    /** The organisation's name, or none (no link, or an id that is gone). */
    public String nameOf(UUID id) {
        Organisation organisation = id == null ? null : Organisation.findById(id);
        return organisation == null ? null : organisation.name;
    }

    public boolean exists(UUID id) {
        return Organisation.count("id", id) > 0;
    }

    @Transactional
    public Organisation create(String name, String website) {
        Organisation organisation = new Organisation();
        organisation.id = UUID.randomUUID();
        organisation.name = name;
        organisation.website = website;
        organisation.persist();
        return organisation;
    }
}
