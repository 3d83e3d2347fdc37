package org.gdprsuite.consent.messaging;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.consent.api.ConsentViews.RecordView;
import org.gdprsuite.consent.api.ConsentViews.StateView;
import org.gdprsuite.consent.domain.ConsentLedger;
import org.gdprsuite.consent.domain.InformationMails;
import org.gdprsuite.consent.domain.LedgerMaintenance;
import org.gdprsuite.consent.domain.SubjectDirectory;
import org.gdprsuite.events.dsr.SubjectIds;
import org.gdprsuite.runtime.dsr.DsrParticipant;
import org.gdprsuite.runtime.dsr.SliceResult;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * consent-service's slice of a data-subject request: the person's consent ledger and current legal bases, and
 * those of pending subjects named by the request's addresses (consents given by address before the suite knew a
 * person with it).
 */
@ApplicationScoped
public class ConsentParticipant implements DsrParticipant {

    @Inject
    ConsentLedger ledger;

    @Inject
    LedgerMaintenance maintenance;

    @Inject
    SubjectDirectory directory;

    @Inject
    InformationMails informationMails;

    @Override
    public String slice() {
        return "consent ledger and current legal bases per purpose, also of consents given by address only, and the"
                + " information mails sent";
    }

    @Override
    public SliceResult export(SubjectIds subject) {
        SliceResult persons = DsrParticipant.exportPerPerson(subject, this::slice);
        List<UUID> pending = directory.pendingByEmails(subject.emails());
        if (pending.isEmpty()) {
            return persons;
        }
        List<Object> slices = new ArrayList<>((List<?>) persons.data());
        for (UUID id : pending) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("pendingSubject", id);
            entry.put("namedBy", "email");
            entry.putAll(slice(id));
            slices.add(entry);
        }
        return SliceResult.done(slices);
    }

    private Map<String, Object> slice(UUID subjectId) {
        return Map.of(
                "current",
                ledger.currentStates(subjectId).stream().map(StateView::of).toList(),
                "ledger",
                ledger.history(subjectId).stream().map(RecordView::of).toList(),
                "informed",
                informationMails.of(subjectId));
    }

    /** See {@link LedgerMaintenance#erase}: the proof stays, the evidence goes, nothing allows processing any more. */
    @Override
    public SliceResult erase(SubjectIds subject) {
        maintenance.erase(subjects(subject));
        return SliceResult.done();
    }

    /** A retention batch in one go: one erasure for all its persons (one unknown to the ledger has nothing to erase). */
    @Override
    public List<SliceResult> eraseAll(List<SubjectIds> subjects) {
        return DsrParticipant.erasePersonsTogether(subjects, maintenance::erase);
    }

    /** The request's persons and the pending subjects of its addresses. */
    private List<UUID> subjects(SubjectIds subject) {
        List<UUID> ids = new ArrayList<>(subject.personIds());
        ids.addAll(directory.pendingByEmails(subject.emails()));
        return ids;
    }
}
