package org.gdprsuite.consent.api;

import java.time.Instant;
import java.util.UUID;

import org.gdprsuite.consent.domain.ConsentRecord;
import org.gdprsuite.consent.domain.ConsentSource;
import org.gdprsuite.consent.domain.ConsentState;
import org.gdprsuite.consent.domain.ConsentStatus;
import org.gdprsuite.consent.domain.LegalBasis;

/** How ledger records and current states are shown over the API and in a data-subject export. */
public final class ConsentViews {

    private ConsentViews() {}

    public record EvidenceView(String ip, String userAgent, String formId) {}

    public record RecordView(
            UUID id,
            UUID personId,
            String purpose,
            LegalBasis legalBasis,
            ConsentStatus status,
            Instant effectiveAt,
            Instant validUntil,
            Instant recordedAt,
            String recordedBy,
            ConsentSource source,
            String channel,
            String noticeVersion,
            EvidenceView evidence) {

        public static RecordView of(ConsentRecord r) {
            EvidenceView evidence = r.evidenceIp == null && r.evidenceUserAgent == null && r.evidenceFormId == null
                    ? null
                    : new EvidenceView(r.evidenceIp, r.evidenceUserAgent, r.evidenceFormId);
            return new RecordView(
                    r.id,
                    r.personId,
                    r.purpose,
                    r.legalBasis,
                    r.status,
                    r.effectiveAt,
                    r.validUntil,
                    r.recordedAt,
                    r.recordedBy,
                    r.source,
                    r.channel,
                    r.noticeVersion,
                    evidence);
        }
    }

    public record StateView(
            String purpose, LegalBasis legalBasis, ConsentStatus status, Instant since, Instant until, UUID recordId) {

        public static StateView of(ConsentState s) {
            return new StateView(s.purpose, s.legalBasis, s.status, s.effectiveAt, s.validUntil, s.recordId);
        }
    }
}
