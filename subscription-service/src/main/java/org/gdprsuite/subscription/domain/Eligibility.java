package org.gdprsuite.subscription.domain;

/**
 * Whether a person may receive a mailing now, and if not why: one SQL expression over the read models, used
 * when a mailing is planned, when each recipient is claimed for sending (a change since the planning skips
 * them) and in a selection's preview. The person is {@code x.person_id}, the mailing {@code m} (its kind, type
 * and override).
 */
final class Eligibility {

    /** The read-model rows of person {@code x} for mailing {@code m}. */
    static final String JOINS = """
            LEFT JOIN contact_read_model c ON c.person_id = x.person_id
            LEFT JOIN subscription_type t ON t.type_key = m.type_key
            LEFT JOIN subscription s ON s.type_key = m.type_key AND s.person_id = x.person_id
            LEFT JOIN consent_read_model k ON k.purpose = t.purpose_key AND k.person_id = x.person_id
            LEFT JOIN global_opt_out g ON g.person_id = x.person_id
            """;

    /**
     * Nobody restricted, erased or without an address gets any mailing. Information needs nothing more (a legal
     * obligation or legitimate interest, no consent). Marketing needs the subscription and the type's purpose
     * allowed; the DPO's override reaches beyond consent only where none was ever given or it ran out (no
     * basis, expired), never past a withdrawal, an objection, an opt-out or an unsubscription.
     */
    private static final String SKIP_REASON = """
            CASE
              WHEN c.person_id IS NULL THEN 'UNKNOWN_PERSON'
              WHEN c.anonymized THEN 'ERASED'
              WHEN c.restricted THEN 'RESTRICTED'
              WHEN c.email IS NULL THEN 'NO_ADDRESS'
              WHEN m.kind = 'INFORMATION' THEN NULL
              WHEN coalesce(g.opted_out, false) THEN 'OPTED_OUT'
              WHEN s.subscribed IS FALSE THEN 'UNSUBSCRIBED'
              WHEN s.subscribed AND k.allowed AND (k.until IS NULL OR k.until > ?%1$d) THEN NULL
              WHEN m.override_reason IS NOT NULL AND (k.person_id IS NULL OR k.allowed
                   OR string_to_array(k.reasons, ',') <@ ARRAY['NO_BASIS', 'EXPIRED']) THEN NULL
              WHEN s.person_id IS NULL THEN 'NOT_SUBSCRIBED'
              WHEN k.reasons LIKE '%%OBJECTED%%' THEN 'OBJECTED'
              WHEN k.reasons LIKE '%%OPTED_OUT%%' THEN 'OPTED_OUT'
              WHEN k.reasons LIKE '%%RESTRICTED%%' THEN 'RESTRICTED'
              WHEN k.reasons LIKE '%%ERASED%%' THEN 'ERASED'
              WHEN k.reasons LIKE '%%WITHDRAWN%%' THEN 'WITHDRAWN'
              ELSE 'NO_CONSENT'
            END""";

    private Eligibility() {}

    /** Why {@code x} may not receive {@code m} (null: they may); parameter {@code now} is the current time. */
    static String skipReason(int now) {
        return SKIP_REASON.formatted(now);
    }
}
