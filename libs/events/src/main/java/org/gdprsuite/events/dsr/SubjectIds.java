package org.gdprsuite.events.dsr;

import java.util.List;
import java.util.UUID;

/** Who a data-subject request is about: the contact ids resolved by the orchestrator, and the emails given. */
public record SubjectIds(List<UUID> personIds, List<String> emails) {

    public SubjectIds {
        personIds = personIds == null ? List.of() : List.copyOf(personIds);
        emails = emails == null ? List.of() : List.copyOf(emails);
    }
}
