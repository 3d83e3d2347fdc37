package org.gdprsuite.consent.messaging;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.gdprsuite.consent.api.ConsentViews.RecordView;
import org.gdprsuite.consent.api.ConsentViews.StateView;
import org.gdprsuite.consent.domain.ConsentLedger;
import org.gdprsuite.consent.domain.InformationMails;
import org.gdprsuite.consent.domain.LedgerMaintenance;
import org.gdprsuite.consent.domain.ProcessingRegister;
import org.gdprsuite.consent.domain.ProcessingRegister.Version;
import org.gdprsuite.consent.domain.RecipientNotices;
import org.gdprsuite.consent.domain.RecipientNotices.Kind;
import org.gdprsuite.consent.domain.RegisterExcerpt;
import org.gdprsuite.consent.domain.SubjectDirectory;
import org.gdprsuite.events.dsr.DsrAction;
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

    @Inject
    RecipientNotices recipientNotices;

    @Inject
    ProcessingRegister processingRegister;

    @Override
    public String slice() {
        return "consent ledger and current legal bases per purpose, also of consents given by address only, the"
                + " information mails sent, and what the record of processing says of those purposes";
    }

    @Override
    public SliceResult export(SubjectIds subject) {
        RegisterExcerpt.Register register = RegisterExcerpt.of(
                processingRegister.controller().map(Version::document).orElse(null), processingRegister.entries());
        SliceResult persons = DsrParticipant.exportPerPerson(subject, id -> slice(id, register));
        List<UUID> pending = directory.pendingByEmails(subject.emails());
        if (pending.isEmpty()) {
            return persons;
        }
        List<Object> slices = new ArrayList<>((List<?>) persons.data());
        for (UUID id : pending) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("pendingSubject", id);
            entry.put("namedBy", "email");
            entry.putAll(slice(id, register));
            slices.add(entry);
        }
        return SliceResult.done(slices);
    }

    /** The subject's bases, ledger and mails, with the register's facts on the purposes they name (Art. 15(1)). */
    private Map<String, Object> slice(UUID subjectId, RegisterExcerpt.Register register) {
        List<StateView> current =
                ledger.currentStates(subjectId).stream().map(StateView::of).toList();
        List<RecordView> history =
                ledger.history(subjectId).stream().map(RecordView::of).toList();
        Set<String> purposes = new LinkedHashSet<>();
        current.forEach(s -> purposes.add(s.purpose()));
        history.forEach(r -> purposes.add(r.purpose()));
        return Map.of(
                "current",
                current,
                "ledger",
                history,
                "informed",
                informationMails.of(subjectId),
                "register",
                register.about(purposes));
    }

    /** See {@link LedgerMaintenance#erase}: the proof stays, the evidence goes, nothing allows processing any more. */
    @Override
    public SliceResult erase(SubjectIds subject) {
        maintenance.erase(subjects(subject));
        return SliceResult.done();
    }

    /**
     * Many subjects in one go (a retention batch, or requests approved together): one erasure for all their persons
     * and pending subjects (one unknown to the ledger has nothing to erase).
     */
    @Override
    public List<SliceResult> eraseAll(List<SubjectIds> subjects) {
        maintenance.erase(subjects.stream().flatMap(s -> subjects(s).stream()).toList());
        return subjects.stream().map(s -> SliceResult.done()).toList();
    }

    /**
     * Restrictions are answered too, so that their recipients are told (Art. 19): the decision already honours them
     * from contact-service's {@code contact.person.restriction-changed}, nothing else changes here.
     */
    @Override
    public Set<DsrAction> actions() {
        return EnumSet.of(
                DsrAction.EXPORT, DsrAction.ERASE, DsrAction.RESTRICT, DsrAction.LIFT_RESTRICTION, DsrAction.RECTIFY);
    }

    @Override
    public SliceResult restrict(SubjectIds subject) {
        return SliceResult.done();
    }

    @Override
    public SliceResult liftRestriction(SubjectIds subject) {
        return SliceResult.done();
    }

    /**
     * A rectification changes contact-service's data, not this slice; this participant answers it so that the
     * recipients of the persons' purposes are told ({@link #carriedOut}, Art. 19).
     */
    @Override
    public SliceResult rectify(SubjectIds subject, Map<String, String> corrections) {
        return SliceResult.done();
    }

    /** Art. 19: the recipients of the persons' purposes are told of what the request carried out. */
    @Override
    public void carriedOut(UUID requestId, DsrAction action, SubjectIds subject) {
        Kind kind = switch (action) {
            case ERASE -> Kind.ERASURE;
            case RESTRICT -> Kind.RESTRICTION;
            case LIFT_RESTRICTION -> Kind.RESTRICTION_LIFTED;
            case RECTIFY -> Kind.RECTIFICATION;
            case EXPORT -> null;
        };
        if (kind != null) {
            recipientNotices.carriedOut(requestId, kind, subject.personIds());
        }
    }

    /** The request's persons and the pending subjects of its addresses. */
    private List<UUID> subjects(SubjectIds subject) {
        List<UUID> ids = new ArrayList<>(subject.personIds());
        ids.addAll(directory.pendingByEmails(subject.emails()));
        return ids;
    }
}
