package org.gdprsuite.contact.domain;

import java.util.List;
import java.util.UUID;

import org.gdprsuite.runtime.problem.DomainProblem;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Organisations persons work for: listed by name, found by id, created. */
@ApplicationScoped
public class Organisations {

    public List<Organisation> all() {
        return Organisation.listAll(Sort.by("name"));
    }

    public Organisation find(UUID id) {
        Organisation organisation = Organisation.findById(id);
        if (organisation == null) {
            throw DomainProblem.notFound("organisation-not-found", "No such organisation.");
        }
        return organisation;
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
