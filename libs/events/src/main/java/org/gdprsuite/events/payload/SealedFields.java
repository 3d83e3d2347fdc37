package org.gdprsuite.events.payload;

/**
 * Personal fields that travel sealed in events ({@code v1.<base64>}, AES-256-GCM under the subject's data
 * key, the subject and this field name as associated data): publishers seal and consumers open them with
 * libs/service-runtime's {@code SubjectCipher}, so erasing the subject (destroying their key) makes every
 * copy unreadable, in topic history, outbox remnants and consumers' stores alike.
 */
public final class SealedFields {

    /** {@code email} of {@link PersonCreated} and {@link PersonUpdated}. */
    public static final String EMAIL = "email";

    private SealedFields() {}
}
