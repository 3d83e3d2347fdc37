package org.gdprsuite.consent.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.gdprsuite.consent.domain.ConsentLedger.Entry;
import org.gdprsuite.consent.domain.ConsentLedger.Evidence;
import org.gdprsuite.events.payload.ObjectionChanged;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The person's own consent page (issue 28, Control): every purpose that concerns the person (one with a basis on
 * record, or one the person may consent to themselves) with its state, notice version and history, and consent
 * given again from the page where the purpose allows it ({@link Purpose#selfServiceConsent}). Withdrawal is
 * {@link Withdrawals}'; both record through {@link ConsentLedger}, like every other record.
 */
@ApplicationScoped
public class OwnConsents {

    /** Channel and form id of a consent given on the page, so the ledger says the person gave it there. */
    public static final String PAGE = "consent-page";

    /** Recorded-by of a consent given on the page. */
    static final String GIVEN_BY = "data subject (own consent page)";

    private final ConsentLedger ledger;
    private final Purposes purposes;
    private final PrivacyNotices notices;
    private final SubjectStates subjects;
    private final Clock clock;

    @Inject
    OwnConsents(ConsentLedger ledger, Purposes purposes, PrivacyNotices notices, SubjectStates subjects, Clock clock) {
        this.ledger = ledger;
        this.purposes = purposes;
        this.notices = notices;
        this.subjects = subjects;
        this.clock = clock;
    }

    /** One record of a purpose's history as the person sees it (no evidence: that is the controller's proof). */
    public record Event(
            LegalBasis basis,
            ConsentStatus status,
            Instant at,
            ConsentSource source,
            String channel,
            String noticeVersion) {}

    /**
     * A purpose as the page shows it. {@code status} and {@code basis} are null where nothing is on record;
     * {@code history} is newest first.
     */
    public record Row(
            String purpose,
            String name,
            String description,
            LegalBasis basis,
            ConsentStatus status,
            Instant since,
            String noticeVersion,
            boolean withdrawable,
            boolean givable,
            boolean objectable,
            boolean objected,
            List<Event> history) {}

    /** What giving from the page did. */
    public enum Given {
        GIVEN,
        /** The person consents already: nothing recorded. */
        ALREADY,
        /** Not in the catalogue: nothing recorded. */
        UNKNOWN_PURPOSE,
        /** The purpose does not allow self-service consent (or the link's person cannot consent): nothing recorded. */
        REFUSED
    }

    /** The purposes that concern the person, by catalogue key. */
    public List<Row> of(UUID personId) {
        Map<String, ConsentState> states =
                ledger.currentStates(personId).stream().collect(Collectors.toMap(s -> s.purpose, Function.identity()));
        Map<String, List<ConsentRecord>> history =
                ledger.history(personId).stream().collect(Collectors.groupingBy(r -> r.purpose));
        boolean live = subjects.isLivePerson(personId);
        Set<String> objected = subjects.objectedPurposes(personId);
        List<Row> rows = new ArrayList<>();
        for (Purpose purpose : purposes.list()) {
            ConsentState state = states.get(purpose.key);
            if (state == null && !purpose.selfServiceConsent) {
                continue;
            }
            List<ConsentRecord> records = history.getOrDefault(purpose.key, List.of());
            rows.add(new Row(
                    purpose.key,
                    purpose.name,
                    purpose.description,
                    state == null ? null : state.legalBasis,
                    state == null ? null : state.status,
                    state == null ? null : state.effectiveAt,
                    noticeOf(state, records),
                    state != null && consents(state),
                    live && givable(purpose) && (state == null || !consents(state)),
                    live && objectable(state) && !objected.contains(purpose.key),
                    objected.contains(purpose.key),
                    records.stream()
                            .sorted(Comparator.comparing((ConsentRecord r) -> r.effectiveAt)
                                    .thenComparing(r -> r.recordedAt)
                                    .reversed())
                            .map(r -> new Event(
                                    r.legalBasis, r.status, r.effectiveAt, r.source, r.channel, r.noticeVersion))
                            .toList()));
        }
        // Purposes gone from the catalogue but still on record are shown too: their history is the person's.
        states.values().stream()
                .filter(s -> rows.stream().noneMatch(r -> r.purpose().equals(s.purpose)))
                .forEach(s -> rows.add(new Row(
                        s.purpose,
                        s.purpose,
                        null,
                        s.legalBasis,
                        s.status,
                        s.effectiveAt,
                        noticeOf(s, history.getOrDefault(s.purpose, List.of())),
                        consents(s),
                        false,
                        false,
                        objected.contains(s.purpose),
                        List.of())));
        return rows;
    }

    /** The notice version in force now for {@code language} (the default language's where it has none). */
    public Optional<String> currentNotice(String language) {
        return notices.inForce(language).map(n -> n.version);
    }

    /**
     * The person gives consent to {@code purposeKey} from their page, under the notice in force for the page's
     * {@code language}, with the evidence of the click; only where the purpose allows self-service consent.
     */
    @Transactional
    public Given give(UUID personId, String purposeKey, String language, Evidence evidence) {
        Optional<Purpose> purpose = purposes.find(purposeKey);
        if (purpose.isEmpty()) {
            return Given.UNKNOWN_PURPOSE;
        }
        if (!givable(purpose.get()) || !subjects.isLivePerson(personId)) {
            return Given.REFUSED;
        }
        if (ledger.currentState(personId, purposeKey).map(OwnConsents::consents).orElse(false)) {
            return Given.ALREADY;
        }
        ledger.record(new Entry(
                personId,
                purposeKey,
                LegalBasis.CONSENT,
                ConsentStatus.GRANTED,
                null,
                ConsentSource.WEB_FORM,
                PAGE,
                currentNotice(language).orElse(null),
                evidence,
                GIVEN_BY,
                null));
        return Given.GIVEN;
    }

    /** What objecting from the page did. */
    public enum Objected {
        OBJECTED,
        /** Not in the catalogue: nothing recorded. */
        UNKNOWN_PURPOSE,
        /** Not processed on legitimate interests or a public task for the person, or no live person: nothing recorded. */
        REFUSED
    }

    /**
     * Art. 21(1): the person objects to a purpose processed on legitimate interests or a public task, from their page.
     * Applied at once (the decision says OBJECTED, as for an objection from the DSR orchestrator): processing stops
     * unless the controller shows compelling grounds, and lifting it is the DPO's (consent.objection-changed).
     */
    @Transactional
    public Objected object(UUID personId, String purposeKey) {
        if (purposes.find(purposeKey).isEmpty()) {
            return Objected.UNKNOWN_PURPOSE;
        }
        if (!subjects.isLivePerson(personId)
                || !objectable(ledger.currentState(personId, purposeKey).orElse(null))) {
            return Objected.REFUSED;
        }
        subjects.objection(new ObjectionChanged(
                personId, ObjectionChanged.Scope.PURPOSES.name(), List.of(purposeKey), true, clock.instant(), null));
        return Objected.OBJECTED;
    }

    /** Art. 21(1) reaches processing on legitimate interests or a public task (6(1)(f) and (e)). */
    private static boolean objectable(ConsentState state) {
        return state != null
                && (state.legalBasis == LegalBasis.LEGITIMATE_INTERESTS || state.legalBasis == LegalBasis.PUBLIC_TASK);
    }

    private static boolean givable(Purpose purpose) {
        return purpose.selfServiceConsent && purpose.consentRequired;
    }

    /** The person consents now: the state withdrawal ends. */
    static boolean consents(ConsentState state) {
        return state.legalBasis == LegalBasis.CONSENT && state.status == ConsentStatus.GRANTED;
    }

    /** The notice version of the record the state is (the records hold it; the state does not). */
    private static String noticeOf(ConsentState state, List<ConsentRecord> records) {
        if (state == null) {
            return null;
        }
        return records.stream()
                .filter(r -> r.id.equals(state.recordId))
                .findFirst()
                .map(r -> r.noticeVersion)
                .orElse(null);
    }
}
