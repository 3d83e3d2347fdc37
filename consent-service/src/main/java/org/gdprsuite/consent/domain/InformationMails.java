package org.gdprsuite.consent.domain;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.gdprsuite.consent.config.ConsentConfig;
import org.gdprsuite.consent.config.ConsentConfig.InformationMail;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.NotificationRequested;
import org.gdprsuite.runtime.outbox.Outbox;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The information mail (Art. 13/14): a person processed for a purpose on a basis other than consent is told of the
 * purpose and of the basis in force for them when the mail is sent (the ledger's current state: a default, an
 * attached pending subject's record or an import), with a link to the privacy notice and to the privacy centre. A
 * person created with an address while the mail is on is told ({@code information_subject}); purposes with the same
 * template share one mail, due the setting's delay after the person was created (at once by default). A purpose and
 * basis not told yet (a record arriving after the mail) leads to one more mail; one already told never to a second.
 * Mails go out through notification.requests (subscription-service opens the address); each row stays as the
 * person's record of having been told. The one place that reads and writes {@code information_mail}.
 */
@ApplicationScoped
public class InformationMails {

    /** erasure-service's privacy centre, through the gateway: see, correct, control and ask. */
    static final String PRIVACY_CENTRE = "/public/requests/centre";

    /** What the person's record (and their DSR export) says about a mail; {@code bases} by purpose once sent. */
    public record Informed(
            String template,
            List<String> purposes,
            Map<String, String> bases,
            Instant dueAt,
            Instant sentAt,
            String outcome,
            String noticeVersion) {}

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    ConsentConfig config;

    @Inject
    Purposes purposes;

    @Inject
    PrivacyNotices notices;

    /**
     * A new person created at {@code createdAt}: with an address and the setting on, they are told from the delay on
     * of what they are processed for without consent. Runs in the caller's transaction and sends nothing yet: the
     * caller {@link #sendDue(Collection) sends} once the records that waited for the person are in too.
     */
    @Transactional
    public void personCreated(UUID personId, Instant createdAt, boolean hasAddress) {
        InformationMail settings = config.consent().informationMail();
        if (!hasAddress || !settings.enabled()) {
            return;
        }
        em.createNativeQuery("INSERT INTO information_subject (person_id, due_from) VALUES (?1, ?2)"
                        + " ON CONFLICT (person_id) DO NOTHING")
                .setParameter(1, personId)
                .setParameter(2, Timestamp.from(createdAt.plus(settings.delay())))
                .executeUpdate();
        schedule(List.of(personId));
    }

    /**
     * The current bases of these persons changed (a record or an attached pending subject): those who are told get a
     * mail for what they were not told yet, sent now when due. Runs in the caller's transaction.
     */
    @Transactional
    public void basesChanged(Collection<UUID> personIds) {
        sendDueOf(schedule(personIds));
    }

    /** Sends the mails of these persons that are due, in the caller's transaction. */
    @Transactional
    public void sendDue(Collection<UUID> personIds) {
        sendDueOf(lock(personIds, false));
    }

    /** Sends the mails whose delay is over, a batch at a time; those of persons erased meanwhile are dropped. */
    @Scheduled(
            every = "${gdpr.consent.information-mail.check-every}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void sendDue() {
        List<UUID> due = em.createNativeQuery(
                        "SELECT person_id FROM information_mail WHERE outcome IS NULL AND due_at <= ?1"
                                + " GROUP BY person_id ORDER BY min(due_at) LIMIT 500",
                        UUID.class)
                .setParameter(1, Timestamp.from(clock.instant()))
                .getResultList();
        sendDueOf(lock(due, true));
    }

    /** The mails a person was (or is to be) sent, oldest first. */
    public List<Informed> of(UUID personId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "SELECT template, array_to_string(purposes, ','), array_to_string(bases, ',', ''), due_at,"
                                + " sent_at, outcome, notice_version"
                                + " FROM information_mail WHERE person_id = ?1 ORDER BY due_at, id")
                .setParameter(1, personId)
                .getResultList();
        return rows.stream()
                .map(r -> {
                    List<String> keys = split((String) r[1]);
                    List<String> bases = r[2] == null ? List.of() : split((String) r[2]);
                    Map<String, String> byPurpose = new LinkedHashMap<>();
                    for (int i = 0; i < bases.size() && i < keys.size(); i++) {
                        byPurpose.put(keys.get(i), bases.get(i));
                    }
                    return new Informed(
                            (String) r[0],
                            keys,
                            byPurpose,
                            ProcessingRegister.instant(r[3]),
                            ProcessingRegister.instant(r[4]),
                            (String) r[5],
                            (String) r[6]);
                })
                .toList();
    }

    /**
     * Locks those of {@code personIds} who are told (one writer of a person's mails at a time, in one order) and
     * gives each template with something to tell a mail to send, unless one is waiting already; returns them.
     */
    private List<UUID> schedule(Collection<UUID> personIds) {
        List<UUID> locked = lock(personIds, false);
        for (UUID personId : locked) {
            untold(personId)
                    .forEach((template, tell) -> em.createNativeQuery("""
                            INSERT INTO information_mail (id, person_id, template, purposes, bases, due_at)
                            SELECT ?1, person_id, ?3, CAST(?4 AS text[]), CAST(?5 AS text[]), greatest(due_from, ?6)
                            FROM information_subject WHERE person_id = ?2 AND NOT EXISTS (SELECT 1 FROM
                                information_mail m WHERE m.person_id = ?2 AND m.template = ?3 AND m.outcome IS NULL)
                            """)
                            .setParameter(1, UUID.randomUUID())
                            .setParameter(2, personId)
                            .setParameter(3, template)
                            .setParameter(4, array(tell.keySet()))
                            .setParameter(5, bases(tell))
                            .setParameter(6, Timestamp.from(clock.instant()))
                            .executeUpdate());
        }
        return locked;
    }

    /** Those of {@code personIds} who are told, locked (or skipped if another transaction holds them). */
    private List<UUID> lock(Collection<UUID> personIds, boolean skipLocked) {
        if (personIds.isEmpty()) {
            return List.of();
        }
        return em.createNativeQuery(
                        "SELECT person_id FROM information_subject WHERE person_id = ANY(?1) ORDER BY person_id"
                                + " FOR UPDATE" + (skipLocked ? " SKIP LOCKED" : ""),
                        UUID.class)
                .setParameter(1, personIds.stream().distinct().toArray(UUID[]::new))
                .getResultList();
    }

    /** Sends the due mails of {@code locked} persons; those of persons erased meanwhile are dropped. */
    private void sendDueOf(List<UUID> locked) {
        if (locked.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery(
                        "SELECT m.id, m.person_id, m.template, coalesce(s.erased, false) FROM information_mail m"
                                + " LEFT JOIN subject_state s ON s.person_id = m.person_id"
                                + " WHERE m.outcome IS NULL AND m.due_at <= ?1 AND m.person_id = ANY(?2)"
                                + " ORDER BY m.due_at, m.id")
                .setParameter(1, Timestamp.from(clock.instant()))
                .setParameter(2, locked.toArray(UUID[]::new))
                .getResultList();
        for (Object[] row : due) {
            UUID id = (UUID) row[0];
            if ((Boolean) row[3]) {
                em.createNativeQuery("UPDATE information_mail SET outcome = 'DROPPED' WHERE id = ?1")
                        .setParameter(1, id)
                        .executeUpdate();
            } else {
                send(id, (UUID) row[1], (String) row[2]);
            }
        }
    }

    /**
     * Tells what the person is processed for under the template now and was not told yet; a mail with nothing left to
     * tell (told meanwhile, or the basis is consent now) was never sent and goes. Names only the person:
     * subscription-service, which keeps the address, opens it to send the mail.
     */
    private void send(UUID id, UUID personId, String template) {
        Map<String, LegalBasis> tell = untold(personId).getOrDefault(template, Map.of());
        if (tell.isEmpty()) {
            em.createNativeQuery("DELETE FROM information_mail WHERE id = ?1")
                    .setParameter(1, id)
                    .executeUpdate();
            return;
        }
        Optional<PrivacyNotice> notice = notices.inForce(null);
        String noticeLink = notice.map(n -> notices.publicUrl(n.version)).orElse(notices.inForceUrl());
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put(
                "purposes",
                tell.entrySet().stream()
                        .map(e -> described(e.getKey(), e.getValue()))
                        .collect(Collectors.joining("; ")));
        parameters.put("noticeLink", noticeLink);
        parameters.put(
                "privacyCentreLink",
                config.consent().informationMail().privacyCentreUrl().orElse(config.publicBaseUrl() + PRIVACY_CENTRE));
        notice.ifPresent(n -> parameters.put("noticeVersion", n.version));
        outbox.publish(
                EventType.NOTIFICATION_REQUESTED,
                personId.toString(),
                new NotificationRequested(template, personId, null, null, parameters));
        em.createNativeQuery("UPDATE information_mail SET outcome = 'SENT', sent_at = ?2, notice_version = ?3,"
                        + " purposes = CAST(?4 AS text[]), bases = CAST(?5 AS text[]) WHERE id = ?1")
                .setParameter(1, id)
                .setParameter(2, Timestamp.from(clock.instant()))
                .setParameter(3, notice.map(n -> n.version).orElse(null))
                .setParameter(4, array(tell.keySet()))
                .setParameter(5, bases(tell))
                .executeUpdate();
    }

    /** What the person is to be told now, by template: their bases in force other than consent, less those told. */
    private Map<String, Map<String, LegalBasis>> untold(UUID personId) {
        @SuppressWarnings("unchecked")
        List<Object[]> states = em.createNativeQuery(
                        "SELECT purpose_key, legal_basis FROM consent_state WHERE person_id = ?1"
                                + " AND status = 'GRANTED' AND legal_basis <> 'CONSENT'"
                                + " AND (valid_until IS NULL OR valid_until > ?2) ORDER BY purpose_key")
                .setParameter(1, personId)
                .setParameter(2, Timestamp.from(clock.instant()))
                .getResultList();
        Map<String, LegalBasis> current = new LinkedHashMap<>();
        states.forEach(s -> current.put((String) s[0], LegalBasis.valueOf((String) s[1])));
        @SuppressWarnings("unchecked")
        List<Object[]> told = em.createNativeQuery("SELECT t.purpose_key, t.legal_basis FROM information_mail m,"
                        + " unnest(m.purposes, m.bases) AS t (purpose_key, legal_basis)"
                        + " WHERE m.person_id = ?1 AND m.outcome = 'SENT'")
                .setParameter(1, personId)
                .getResultList();
        Set<InformationRule.Told> before = told.stream()
                .map(t -> new InformationRule.Told((String) t[0], (String) t[1]))
                .collect(Collectors.toSet());
        return InformationRule.mails(current, before, config.consent().informationMail());
    }

    /** "Contract fulfilment (Art. 6(1)(b) GDPR)": the purpose's name and the basis it is processed on. */
    private String described(String key, LegalBasis basis) {
        return purposes.find(key).map(p -> p.name).orElse(key) + " (" + basis.article() + ")";
    }

    private static String array(Collection<String> values) {
        return "{" + String.join(",", values) + "}";
    }

    private static String bases(Map<String, LegalBasis> tell) {
        return array(tell.values().stream().map(Enum::name).toList());
    }

    private static List<String> split(String joined) {
        return joined.isEmpty() ? List.of() : List.of(joined.split(",", -1));
    }
}
