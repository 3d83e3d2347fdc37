package org.gdprsuite.subscription.messaging;

import java.util.Map;

import org.gdprsuite.events.dsr.SubjectIds;
import org.gdprsuite.runtime.dsr.DsrParticipant;
import org.gdprsuite.runtime.dsr.SliceResult;
import org.gdprsuite.subscription.domain.Subscriptions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** subscription-service's slice: a person's subscriptions, global opt-out and their history. */
@ApplicationScoped
public class SubscriptionParticipant implements DsrParticipant {

    @Inject
    Subscriptions subscriptions;

    @Override
    public String slice() {
        return "subscriptions, global opt-out, their history and the delivery log";
    }

    /** RESTRICT is how an objection (Art. 21) reaches this service: to direct marketing it is absolute (Art. 21(3)). */
    @Override
    public java.util.Set<org.gdprsuite.events.dsr.DsrAction> actions() {
        return java.util.EnumSet.of(
                org.gdprsuite.events.dsr.DsrAction.EXPORT,
                org.gdprsuite.events.dsr.DsrAction.ERASE,
                org.gdprsuite.events.dsr.DsrAction.RESTRICT);
    }

    @Override
    public SliceResult restrict(SubjectIds subject) {
        subject.personIds().forEach(id -> subscriptions.setGlobalOptOut(id, true, "OBJECTION", null));
        return SliceResult.done();
    }

    @Override
    public SliceResult export(SubjectIds subject) {
        return DsrParticipant.exportPerPerson(
                subject,
                id -> Map.of(
                        "preferences",
                        subscriptions.of(id),
                        "history",
                        subscriptions.history(id),
                        "deliveries",
                        subscriptions.deliveries(id)));
    }

    /** See {@link Subscriptions#erase}. */
    @Override
    public SliceResult erase(SubjectIds subject) {
        subscriptions.erase(subject.personIds());
        return SliceResult.done();
    }

    /** A retention batch: every subject's slice erased together (set-based). */
    @Override
    public java.util.List<SliceResult> eraseAll(java.util.List<SubjectIds> subjects) {
        return DsrParticipant.erasePersonsTogether(subjects, subscriptions::erase);
    }
}
