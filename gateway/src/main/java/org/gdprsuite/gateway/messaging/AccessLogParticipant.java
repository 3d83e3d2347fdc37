package org.gdprsuite.gateway.messaging;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.SubjectIds;
import org.gdprsuite.gateway.domain.PersonReads;
import org.gdprsuite.runtime.dsr.DsrParticipant;
import org.gdprsuite.runtime.dsr.SliceResult;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The gateway's slice of an access request: who read the person's record and when ({@link PersonReads}). The log is
 * the controller's accountability record (Art. 5(2)): it answers exports only, an erasure does not reach it. Its
 * replies and its announcement go to {@code dsr.replies}, so the gateway's Kafka principal needs write there
 * (stack/kafka/acls.txt).
 */
@ApplicationScoped
public class AccessLogParticipant implements DsrParticipant {

    static final String KEPT = "Art. 17(3)(b) and (e) GDPR: the access log is the controller's record of who read"
            + " personal data (Art. 5(2), 32) and is kept";

    @Inject
    PersonReads reads;

    @Override
    public String slice() {
        return "the access log: which staff roles read the person's record, and when";
    }

    @Override
    public Set<DsrAction> actions() {
        return EnumSet.of(DsrAction.EXPORT);
    }

    @Override
    public SliceResult export(SubjectIds subject) {
        return SliceResult.done(Map.of("reads", reads.of(subject.personIds())));
    }

    /** Never asked ({@link #actions}): the log of who read personal data outlives the data. */
    @Override
    public SliceResult erase(SubjectIds subject) {
        return SliceResult.held(KEPT);
    }
}
