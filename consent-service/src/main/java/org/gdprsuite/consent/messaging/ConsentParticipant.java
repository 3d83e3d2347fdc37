package org.gdprsuite.consent.messaging;

import java.util.List;
import java.util.Map;

import org.gdprsuite.consent.api.ConsentViews.RecordView;
import org.gdprsuite.consent.api.ConsentViews.StateView;
import org.gdprsuite.consent.domain.ConsentLedger;
import org.gdprsuite.consent.domain.LedgerMaintenance;
import org.gdprsuite.events.dsr.SubjectIds;
import org.gdprsuite.runtime.dsr.DsrParticipant;
import org.gdprsuite.runtime.dsr.SliceResult;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** consent-service's slice of a data-subject request: the person's consent ledger and current legal bases. */
@ApplicationScoped
public class ConsentParticipant implements DsrParticipant {

    @Inject
    ConsentLedger ledger;

    @Inject
    LedgerMaintenance maintenance;

    @Override
    public String slice() {
        return "consent ledger and current legal bases per purpose";
    }

    @Override
    public SliceResult export(SubjectIds subject) {
        return DsrParticipant.exportPerPerson(
                subject,
                id -> Map.of(
                        "current",
                        ledger.currentStates(id).stream().map(StateView::of).toList(),
                        "ledger",
                        ledger.history(id).stream().map(RecordView::of).toList()));
    }

    /** See {@link LedgerMaintenance#erase}: the proof stays, the evidence goes, nothing allows processing any more. */
    @Override
    public SliceResult erase(SubjectIds subject) {
        maintenance.erase(subject.personIds());
        return SliceResult.done();
    }

    /** A retention batch in one go: one erasure for all its persons (one unknown to the ledger has nothing to erase). */
    @Override
    public List<SliceResult> eraseAll(List<SubjectIds> subjects) {
        return DsrParticipant.erasePersonsTogether(subjects, maintenance::erase);
    }
}
