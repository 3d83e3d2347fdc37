package org.gdprsuite.incident.messaging;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.gdprsuite.events.dsr.SubjectIds;
import org.gdprsuite.incident.domain.AffectedPerson;
import org.gdprsuite.incident.domain.Incident;
import org.gdprsuite.incident.domain.Incidents;
import org.gdprsuite.runtime.dsr.DsrParticipant;
import org.gdprsuite.runtime.dsr.SliceResult;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * incident-service's slice: the breaches a person was affected by. The register must document every
 * breach (Art. 33(5)), so an entry that names the person is held, with the legal reason, not erased.
 */
@ApplicationScoped
public class IncidentParticipant implements DsrParticipant {

    public static final String LEGAL_REASON = "Art. 17(3)(b) and (e) GDPR: the breach register must document every "
            + "personal-data breach and its effects (Art. 33(5)); the entry naming the person is kept";

    @Inject
    Incidents incidents;

    @Override
    public String slice() {
        return "breach register entries naming the person as affected";
    }

    @Override
    public SliceResult export(SubjectIds subject) {
        List<AffectedPerson> affected = incidents.affecting(subject.personIds());
        Map<UUID, Incident> named =
                incidents.byIds(affected.stream().map(a -> a.incidentId).collect(Collectors.toSet()));
        List<Map<String, Object>> asAffected = affected.stream()
                .map(a -> {
                    Incident incident = named.get(a.incidentId);
                    return Map.<String, Object>of(
                            "personId",
                            a.personId,
                            "incident",
                            incident.reference,
                            "nature",
                            incident.nature,
                            "awareAt",
                            incident.awareAt,
                            "notifiedAt",
                            String.valueOf(a.notifiedAt));
                })
                .toList();
        List<Map<String, Object>> asReporter = reported(subject).stream()
                .map(i -> Map.<String, Object>of(
                        "incident", i.reference, "reportedAt", i.reportedAt, "contact", i.reporterContact))
                .toList();
        return SliceResult.done(Map.of("affectedBy", asAffected, "reported", asReporter));
    }

    /**
     * A reporter's contact address is needed only to ask questions about the report: it is erased. An
     * entry naming the person as affected is held, with the legal reason.
     */
    @Override
    public SliceResult erase(SubjectIds subject) {
        reported(subject).forEach(incident -> incident.reporterContact = null);
        return incidents.affecting(subject.personIds()).isEmpty() ? SliceResult.done() : SliceResult.held(LEGAL_REASON);
    }

    /** A retention batch: the register is looked up once for every subject; each is held or done as above. */
    @Override
    public List<SliceResult> eraseAll(List<SubjectIds> subjects) {
        List<UUID> persons =
                subjects.stream().flatMap(s -> s.personIds().stream()).toList();
        Set<UUID> named =
                incidents.affecting(persons).stream().map(a -> a.personId).collect(Collectors.toSet());
        return subjects.stream()
                .map(subject -> {
                    reported(subject).forEach(incident -> incident.reporterContact = null);
                    return subject.personIds().stream().anyMatch(named::contains)
                            ? SliceResult.held(LEGAL_REASON)
                            : SliceResult.done();
                })
                .toList();
    }

    private List<Incident> reported(SubjectIds subject) {
        return incidents.reportedBy(subject.emails());
    }
}
