package org.gdprsuite.events.payload;

import java.util.UUID;

/**
 * Personal fields that travel sealed in events ({@code v1.<base64>}, AES-256-GCM under the subject's data
 * key, the subject and this field name as associated data): publishers seal and consumers open them with
 * libs/service-runtime's {@code SubjectCipher}, so erasing the subject (destroying their key) makes every
 * copy unreadable, in topic history, outbox remnants and consumers' stores alike.
 */
public final class SealedFields {

    /**
     * {@code email} of {@link PersonCreated} and {@link PersonUpdated}; of a sealed {@link NotificationRequested};
     * each of the emails of a sealed {@link org.gdprsuite.events.dsr.DsrCommand}.
     */
    public static final String EMAIL = "email";

    /** {@code country} (ISO 3166-1 alpha-2) of {@link PersonCreated} and {@link PersonUpdated}. */
    public static final String COUNTRY = "country";

    /** {@code organisationId} of {@link PersonCreated} and {@link PersonUpdated}: where the person works. */
    public static final String ORGANISATION = "organisationId";

    /** {@code source} of {@link PersonCreated} and {@link PersonUpdated}: where the person's data came from. */
    public static final String SOURCE = "source";

    /** {@code lastActivityAt} of {@link PersonCreated} and {@link PersonUpdated}: when the person was last in touch. */
    public static final String LAST_ACTIVITY = "lastActivityAt";

    private static final String REQUEST_SUBJECT = "dsr-request:";
    private static final String CORRECTION = "correction.";

    private SealedFields() {}

    /**
     * The subject a data-subject request's own values are sealed for (its requester's address, the codes and
     * links mailed to them): the requester may be no known person, so the request has a key of its own.
     */
    public static String requestSubject(UUID requestId) {
        return REQUEST_SUBJECT + requestId;
    }

    /**
     * The field a correction's new value of contact-service's field {@code name} is sealed as, in the
     * {@code corrections} of a rectification {@link org.gdprsuite.events.dsr.DsrCommand}: the name is bound to the
     * value, so a sealed city cannot be replayed as a name.
     */
    public static String correction(String name) {
        return CORRECTION + name;
    }

    /** Whether {@code subject} names a data-subject request's key (and not a person's). */
    public static boolean isRequestSubject(String subject) {
        return subject != null && subject.startsWith(REQUEST_SUBJECT);
    }
}
