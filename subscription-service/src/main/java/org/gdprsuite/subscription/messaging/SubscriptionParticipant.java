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
        return "subscriptions, global opt-out and their history";
    }

    @Override
    public SliceResult export(SubjectIds subject) {
        return SliceResult.done(subject.personIds().stream().map(id -> Map.of("personId", id,
                "preferences", subscriptions.of(id),
                "history", subscriptions.history(id))).toList());
    }

    /** See {@link Subscriptions#erase}. */
    @Override
    public SliceResult erase(SubjectIds subject) {
        subscriptions.erase(subject.personIds());
        return SliceResult.done();
    }
}
