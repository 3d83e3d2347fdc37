package org.gdprsuite.contact.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.gdprsuite.runtime.crypto.SubjectCipher;
import org.gdprsuite.runtime.security.Roles;

import io.quarkus.arc.Arc;

/**
 * The field catalogue of persons: for every field its classification, who may see it, the kind of
 * value and how it is masked on erasure. Visibility, validation, export, anonymization and sealing at
 * rest (sensitive and special-category values) all read this one table; nothing else decides about a field.
 */
@SuppressWarnings("unchecked")
public enum PersonField {
    FIRST_NAME(
            "firstName",
            Classification.PERSONAL,
            Masking.FIXED_TEXT,
            FieldValue.NAME,
            p -> p.firstName,
            (p, v) -> p.firstName = (String) v),
    LAST_NAME(
            "lastName",
            Classification.PERSONAL,
            Masking.PSEUDONYM,
            FieldValue.NAME,
            p -> p.lastName,
            (p, v) -> p.lastName = (String) v),
    EMAIL(
            "email",
            Classification.PERSONAL,
            Masking.EMAIL_DOMAIN,
            FieldValue.EMAIL,
            p -> p.email,
            (p, v) -> p.email = (String) v),
    PHONE(
            "phone",
            Classification.PERSONAL,
            Masking.NULL,
            FieldValue.PHONE,
            p -> p.phone,
            (p, v) -> p.phone = (String) v),
    STREET(
            "street",
            Classification.PERSONAL,
            Masking.NULL,
            FieldValue.TEXT,
            p -> p.street,
            (p, v) -> p.street = (String) v),
    POSTAL_CODE(
            "postalCode",
            Classification.PERSONAL,
            Masking.NULL,
            FieldValue.POSTAL_CODE,
            p -> p.postalCode,
            (p, v) -> p.postalCode = (String) v),
    CITY("city", Classification.PERSONAL, Masking.NULL, FieldValue.NAME, p -> p.city, (p, v) -> p.city = (String) v),
    COUNTRY(
            "country",
            Classification.PERSONAL,
            Masking.KEEP,
            FieldValue.COUNTRY,
            p -> p.country,
            (p, v) -> p.country = (String) v),
    ORGANISATION(
            "organisationId",
            Classification.PERSONAL,
            Masking.NULL,
            FieldValue.REFERENCE,
            p -> p.organisationId,
            (p, v) -> p.organisationId = (java.util.UUID) v),
    JOB_TITLE(
            "jobTitle",
            Classification.PERSONAL,
            Masking.NULL,
            FieldValue.NAME,
            p -> p.jobTitle,
            (p, v) -> p.jobTitle = (String) v),
    CATEGORY(
            "category",
            Classification.PERSONAL,
            Masking.KEEP,
            FieldValue.CATEGORY,
            p -> p.category,
            (p, v) -> p.category = v == null ? Person.Category.PROSPECT : (Person.Category) v),
    OWNER(
            "owner",
            Classification.PERSONAL,
            Masking.KEEP,
            FieldValue.NAME,
            p -> p.owner,
            (p, v) -> p.owner = (String) v),
    CUSTOM_FIELDS(
            "customFields",
            Classification.PERSONAL,
            Masking.NULL,
            FieldValue.MAP,
            p -> p.customFields,
            (p, v) -> p.customFields = (Map<String, String>) v),
    SOURCE(
            "source",
            Classification.PERSONAL,
            Masking.KEEP,
            FieldValue.NAME,
            p -> p.source,
            (p, v) -> p.source = (String) v),
    COLLECTED_AT(
            "collectedAt",
            Classification.PERSONAL,
            Masking.KEEP,
            FieldValue.INSTANT,
            p -> p.collectedAt,
            (p, v) -> p.collectedAt = (java.time.Instant) v),
    COLLECTED_BY(
            "collectedBy",
            Classification.PERSONAL,
            Masking.KEEP,
            FieldValue.NAME,
            p -> p.collectedBy,
            (p, v) -> p.collectedBy = (String) v),
    NATIONAL_ID(
            "nationalId",
            Classification.SENSITIVE,
            Masking.NULL,
            FieldValue.NATIONAL_ID,
            p -> p.sealedNationalId,
            (p, v) -> p.sealedNationalId = (String) v),
    BANK_ACCOUNT(
            "bankAccount",
            Classification.SENSITIVE,
            Masking.NULL,
            FieldValue.IBAN,
            p -> p.sealedBankAccount,
            (p, v) -> p.sealedBankAccount = (String) v),
    BIRTH_DATE(
            "birthDate",
            Classification.SENSITIVE,
            Masking.NULL,
            FieldValue.DATE,
            p -> p.sealedBirthDate,
            (p, v) -> p.sealedBirthDate = (String) v),
    HEALTH_NOTES(
            "healthNotes",
            Classification.SPECIAL_CATEGORY,
            Masking.NULL,
            FieldValue.LONG_TEXT,
            p -> p.sealedHealthNotes,
            (p, v) -> p.sealedHealthNotes = (String) v);

    /** How personal a field is, and so who may see it. */
    public enum Classification {
        /** Ordinary personal data: every staff role. */
        PERSONAL(Set.of(Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.FINANCE, Roles.DPO, Roles.ADMIN)),
        /** Identity numbers, bank details, birth date: finance and the DPO only. */
        SENSITIVE(Set.of(Roles.FINANCE, Roles.DPO)),
        /** Art. 9 special categories (health, ...): the DPO only. */
        SPECIAL_CATEGORY(Set.of(Roles.DPO));

        private final Set<String> roles;

        Classification(Set<String> roles) {
            this.roles = roles;
        }

        public Set<String> roles() {
            return roles;
        }
    }

    /** What erasure leaves of a field. */
    public enum Masking {
        /** Removed. */
        NULL,
        /** Replaced by a fixed text. */
        FIXED_TEXT,
        /** A keyed hash of the person's id: stable per person, unrelated to the erased value. */
        PSEUDONYM,
        /** Only the domain of the address stays (for statistics per company). */
        EMAIL_DOMAIN,
        /** Kept: needed for accounting or audit and not identifying alone. */
        KEEP
    }

    public static final String ANONYMIZED = "Anonymized";

    private final String json;
    private final Classification classification;
    private final Masking masking;
    private final FieldValue value;
    private final Function<Person, Object> getter;
    private final BiConsumer<Person, Object> setter;

    PersonField(
            String json,
            Classification classification,
            Masking masking,
            FieldValue value,
            Function<Person, Object> getter,
            BiConsumer<Person, Object> setter) {
        this.json = json;
        this.classification = classification;
        this.masking = masking;
        this.value = value;
        this.getter = getter;
        this.setter = setter;
    }

    public String json() {
        return json;
    }

    public Classification classification() {
        return classification;
    }

    public Masking masking() {
        return masking;
    }

    public FieldValue value() {
        return value;
    }

    /** Sensitive and special-category values are stored sealed with the person's data key (AES-GCM). */
    public boolean sealed() {
        return classification != Classification.PERSONAL;
    }

    /** The plain value; a sealed value whose key was destroyed (erasure) reads as none. */
    public Object get(Person person) {
        Object stored = getter.apply(person);
        if (!sealed() || stored == null) {
            return stored;
        }
        return cipher().open(person.id.toString(), json, (String) stored)
                .map(value::parse)
                .orElse(null);
    }

    /** Sets a plain value (sealed on the way in, making the person's data key if needed). */
    public void set(Person person, Object newValue) {
        setter.accept(
                person,
                sealed() && newValue != null
                        ? cipher().seal(person.id.toString(), json, newValue.toString())
                        : newValue);
    }

    private static SubjectCipher cipher() {
        return Arc.container().instance(SubjectCipher.class).get();
    }

    public boolean visibleTo(Set<String> roles) {
        return classification.roles().stream().anyMatch(roles::contains);
    }

    public static Optional<PersonField> byJson(String name) {
        return Arrays.stream(values()).filter(f -> f.json.equals(name)).findFirst();
    }

    /** Applies this field's masking to an erased person; {@code key} keys the pseudonyms. */
    public void mask(Person person, String key) {
        Object masked = switch (masking) {
            case NULL -> null;
            case FIXED_TEXT -> ANONYMIZED;
            case PSEUDONYM -> "pseudonym-" + keyedHash(key, person.id.toString());
            case EMAIL_DOMAIN ->
                person.email == null ? null : "anonymized@" + person.email.substring(person.email.indexOf('@') + 1);
            case KEEP -> get(person);
        };
        set(person, masked);
    }

    private static String keyedHash(String key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of()
                    .formatHex(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
