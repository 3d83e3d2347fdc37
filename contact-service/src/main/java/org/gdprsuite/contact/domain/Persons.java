package org.gdprsuite.contact.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import org.gdprsuite.contact.config.ContactConfig;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.payload.PersonAnonymized;
import org.gdprsuite.events.payload.PersonCreated;
import org.gdprsuite.events.payload.PersonRestrictionChanged;
import org.gdprsuite.events.payload.PersonUpdated;
import org.gdprsuite.events.payload.SealedFields;
import org.gdprsuite.runtime.crypto.SubjectCipher;
import org.gdprsuite.runtime.crypto.SubjectKeys;
import org.gdprsuite.runtime.outbox.Outbox;
import org.gdprsuite.runtime.problem.DomainProblem;

import com.fasterxml.jackson.databind.JsonNode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

/**
 * The one place where persons change: creation, rectification (Art. 16), restriction (Art. 18) and
 * anonymization. Each change is logged (which fields, by whom) and published on {@code contact.events}
 * in the same transaction.
 */
@ApplicationScoped
public class Persons {

    @Inject
    Outbox outbox;

    @Inject
    Clock clock;

    @Inject
    PersonStore store;

    @Inject
    Organisations organisations;

    @Inject
    SubjectKeys subjectKeys;

    @Inject
    SubjectCipher cipher;

    @Inject
    ContactConfig config;

    @Transactional
    public Person create(JsonNode fields, Set<String> roles, String actor) {
        Person person = new Person();
        person.id = UUID.randomUUID();
        List<String> set = apply(person, fields, roles);
        if (person.collectedAt == null) {
            person.collectedAt = clock.instant();
        }
        if (person.collectedBy == null) {
            person.collectedBy = actor;
        }
        person.updatedAt = clock.instant();
        person.persist();
        log(person.id, actor, "created", set);
        outbox.publish(
                EventType.PERSON_CREATED,
                person.id.toString(),
                new PersonCreated(
                        person.id,
                        sealed(person, SealedFields.EMAIL, person.email),
                        person.category.name(),
                        sealed(person, SealedFields.COUNTRY, person.country),
                        sealed(person, SealedFields.ORGANISATION, organisationOf(person)),
                        sealed(person, SealedFields.SOURCE, person.source),
                        sealed(person, SealedFields.LAST_ACTIVITY, instantOf(person.lastActivityAt))));
        return person;
    }

    /** Rectification: changes the fields given (JSON merge patch), if the caller's version is current. */
    @Transactional
    public Person update(UUID id, long expectedVersion, JsonNode fields, Set<String> roles, String actor) {
        Person person = live(id);
        if (person.version != expectedVersion) {
            throw DomainProblem.staleVersion(
                    "person-changed", "The person was changed by someone else; reload and apply your change again.");
        }
        List<String> changed = apply(person, fields, roles);
        if (!changed.isEmpty()) {
            changed(person, actor, "rectified", changed);
        }
        return person;
    }

    /**
     * Rectification the person asked for themselves (Art. 16, a DSR command): the fields set on a live person,
     * without a version check (the person, not an editor, says what is right); false if the person is erased.
     * {@link InvalidFields} if a value is not one this service stores.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean rectify(Person person, JsonNode fields, Set<String> roles, String actor) {
        if (person.anonymized()) {
            return false;
        }
        List<String> changed = apply(person, fields, roles);
        if (!changed.isEmpty()) {
            changed(person, actor, "rectified", changed);
        }
        return true;
    }

    /** Sets fields on many persons (bulk update); the caller has checked the fields and the rights. */
    @Transactional
    public int updateAll(Collection<UUID> ids, Map<PersonField, Object> values, String actor) {
        int updated = 0;
        for (Person person : store.byIds(ids)) { // one query per batch, not one per person
            if (person.anonymized() || person.restricted) {
                continue;
            }
            List<String> changed = new ArrayList<>();
            values.forEach((field, value) -> {
                if (!Objects.equals(field.get(person), value)) {
                    field.set(person, value);
                    changed.add(field.json());
                }
            });
            if (!changed.isEmpty()) {
                changed(person, actor, "bulk update", changed);
                updated++;
            }
        }
        return updated;
    }

    /** A live person merged with an import row of the same address: the row's fields set, logged, published. */
    @Transactional
    public boolean merge(Person person, JsonNode fields, Set<String> roles, String actor) {
        List<String> changed = apply(person, fields, roles);
        if (!changed.isEmpty()) {
            changed(person, actor, "import merge", changed);
        }
        return !changed.isEmpty();
    }

    @Transactional
    public Person restrict(UUID id, boolean restricted, String actor) {
        Person person = live(id);
        if (person.restricted != restricted) {
            person.restricted = restricted;
            person.restrictedAt = restricted ? clock.instant() : null;
            person.updatedAt = clock.instant();
            log(id, actor, restricted ? "restricted" : "restriction lifted", List.of());
            outbox.publish(
                    EventType.PERSON_RESTRICTION_CHANGED, id.toString(), new PersonRestrictionChanged(id, restricted));
        }
        return person;
    }

    /**
     * Erasure: every field masked as the catalogue says, activity text destroyed; id, timestamps,
     * category and the change log stay. Final and idempotent.
     */
    @Transactional
    public void anonymize(UUID id, String actor) {
        anonymizeAll(List.of(id), actor);
    }

    /** {@link #anonymize} for many persons in one go (a retention batch): a statement per step, not per person. */
    @Transactional
    public void anonymizeAll(Collection<UUID> ids, String actor) {
        List<Person> live = store.liveByIds(ids);
        if (live.isEmpty()) {
            return;
        }
        store.batchWrites(200); // the masked rows go in a few round trips
        Instant now = clock.instant();
        for (Person person : live) {
            for (PersonField field : PersonField.values()) {
                field.mask(person, config.pseudonymKey());
            }
            person.anonymizedAt = now;
            person.restricted = false;
            person.updatedAt = now;
        }
        UUID[] erased = live.stream().map(p -> p.id).toArray(UUID[]::new);
        store.eraseActivitiesAndLog(erased, now, actor);
        // Crypto-shredding: copies of the sealed fields and emails in backups, events or other services'
        // stores can no longer be opened. Done before the commit: if it fails, the erasure is retried.
        subjectKeys.destroy(live.stream().map(p -> p.id.toString()).toList());
        outbox.publishAll(
                EventType.PERSON_ANONYMIZED,
                live.stream().map(p -> new PersonAnonymized(p.id)).toList(),
                anonymized -> anonymized.personId().toString());
    }

    @Transactional
    public Activity addActivity(
            UUID personId, Activity.Type type, String subject, String body, Instant occurredAt, String actor) {
        Person person = live(personId);
        Activity activity = new Activity();
        activity.id = UUID.randomUUID();
        activity.personId = personId;
        activity.type = type;
        activity.subject = subject;
        activity.body = body;
        activity.occurredAt = occurredAt == null ? clock.instant() : occurredAt;
        activity.createdBy = actor;
        activity.persist();
        if (store.moveLastActivity(personId, activity.occurredAt)) {
            // Selections filter on the last activity; a back-dated activity moves nothing and says nothing.
            published(person, activity.occurredAt);
        }
        return activity;
    }

    /** A person that exists and is not anonymized. */
    public Person live(UUID id) {
        Person person = store.find(id);
        if (person == null || person.anonymized()) {
            throw DomainProblem.notFound("person-not-found", "No such person.");
        }
        return person;
    }

    /**
     * Reads the fields of a JSON object into a person through the catalogue: unknown or invalid fields
     * are refused all together, fields the caller may not see may not be written either.
     */
    public List<String> apply(Person person, JsonNode fields, Set<String> roles) {
        List<String> changed = new ArrayList<>();
        read(fields, roles).forEach((field, value) -> {
            if (!Objects.equals(field.get(person), value)) {
                field.set(person, value);
                changed.add(field.json());
            }
        });
        return changed;
    }

    /** The values of a JSON object of person fields, checked as {@link #apply} does, without touching a person. */
    public Map<PersonField, Object> read(JsonNode fields, Set<String> roles) {
        return PersonFields.read(fields, roles, organisations::exists);
    }

    private void changed(Person person, String actor, String action, List<String> fields) {
        person.updatedAt = clock.instant();
        log(person.id, actor, action, fields);
        published(person, person.lastActivityAt);
    }

    /** The person's current values on contact.events, {@code lastActivityAt} as it now stands. */
    private void published(Person person, Instant lastActivityAt) {
        outbox.publish(
                EventType.PERSON_UPDATED,
                person.id.toString(),
                new PersonUpdated(
                        person.id,
                        sealed(person, SealedFields.EMAIL, person.email),
                        person.category.name(),
                        sealed(person, SealedFields.COUNTRY, person.country),
                        sealed(person, SealedFields.ORGANISATION, organisationOf(person)),
                        sealed(person, SealedFields.SOURCE, person.source),
                        sealed(person, SealedFields.LAST_ACTIVITY, instantOf(lastActivityAt))));
    }

    /**
     * A personal value travels sealed with the person's data key: the services that need it (mail, selections)
     * open it, and erasure (destroying the key) leaves every copy in the topic's history and in their stores
     * unreadable.
     */
    private String sealed(Person person, String field, String value) {
        return value == null ? null : cipher.seal(person.id.toString(), field, value);
    }

    private static String instantOf(Instant at) {
        return at == null ? null : at.toString();
    }

    private static String organisationOf(Person person) {
        return person.organisationId == null ? null : person.organisationId.toString();
    }

    private void log(UUID personId, String actor, String action, List<String> fields) {
        PersonChange change = new PersonChange();
        change.personId = personId;
        change.at = clock.instant();
        change.byUser = actor;
        change.action = action;
        change.fields = List.copyOf(fields);
        change.persist();
    }
}
