package org.gdprsuite.contact.messaging;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.gdprsuite.contact.api.PersonViews;
import org.gdprsuite.contact.api.PersonViews.ActivityView;
import org.gdprsuite.contact.domain.InvalidFields;
import org.gdprsuite.contact.domain.Organisations;
import org.gdprsuite.contact.domain.Person;
import org.gdprsuite.contact.domain.PersonField;
import org.gdprsuite.contact.domain.PersonStore;
import org.gdprsuite.contact.domain.Persons;
import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.SubjectIds;
import org.gdprsuite.runtime.dsr.DsrParticipant;
import org.gdprsuite.runtime.dsr.SliceResult;
import org.gdprsuite.runtime.security.Roles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** contact-service's slice: the person record, its organisation link and activities. */
@ApplicationScoped
public class ContactParticipant implements DsrParticipant {

    /** The subject sees all of their own data, sensitive and special categories included (Art. 15). */
    private static final Set<String> EVERYTHING = Set.of(Roles.DPO, Roles.FINANCE, Roles.SALES);

    private static final String ACTOR = "data-subject request";

    /** The contact details a person corrects themselves (the privacy centre's fields). */
    private static final Set<String> SELF_CORRECTED = Set.of(
            PersonField.FIRST_NAME.json(),
            PersonField.LAST_NAME.json(),
            PersonField.EMAIL.json(),
            PersonField.PHONE.json(),
            PersonField.STREET.json(),
            PersonField.POSTAL_CODE.json(),
            PersonField.CITY.json(),
            PersonField.COUNTRY.json());

    @Inject
    Persons persons;

    @Inject
    PersonStore store;

    @Inject
    Organisations organisations;

    @Inject
    ObjectMapper json;

    @Override
    public String slice() {
        return "persons, organisation links and activities";
    }

    @Override
    public Set<DsrAction> actions() {
        return EnumSet.allOf(DsrAction.class);
    }

    @Override
    public SliceResult export(SubjectIds subject) {
        List<Map<String, Object>> slice = found(subject).stream()
                .map(person -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("person", PersonViews.view(person, EVERYTHING));
                    entry.put("organisation", organisations.nameOf(person.organisationId));
                    entry.put(
                            "activities",
                            store.activities(person.id).stream()
                                    .map(ActivityView::of)
                                    .toList());
                    entry.put("classification", classification());
                    return entry;
                })
                .toList();
        return SliceResult.done(slice);
    }

    @Override
    public SliceResult erase(SubjectIds subject) {
        found(subject).forEach(person -> persons.anonymize(person.id, ACTOR));
        return SliceResult.done();
    }

    /**
     * Art. 16: the person's own corrections (checked as an editor's are) set on every live person of the subject. A
     * value this service does not store is answered held with the field's name, so the request is closed with the
     * reason rather than retried: it would never succeed.
     */
    @Override
    public SliceResult rectify(SubjectIds subject, Map<String, String> corrections) {
        if (!SELF_CORRECTED.containsAll(corrections.keySet())) {
            return SliceResult.held("Art. 16: only contact details are corrected this way");
        }
        ObjectNode fields = json.createObjectNode();
        corrections.forEach(fields::put);
        try {
            persons.read(fields, EVERYTHING);
        } catch (InvalidFields invalid) {
            return SliceResult.held("Art. 16: not a valid value for "
                    + String.join(", ", invalid.errors().keySet()));
        }
        found(subject).forEach(person -> persons.rectify(person, fields, EVERYTHING, ACTOR));
        return SliceResult.done();
    }

    /** A retention batch: every person of every subject anonymized together. */
    @Override
    public List<SliceResult> eraseAll(List<SubjectIds> subjects) {
        persons.anonymizeAll(
                subjects.stream().flatMap(s -> s.personIds().stream()).toList(), ACTOR);
        return subjects.stream().map(s -> SliceResult.done()).toList();
    }

    @Override
    public SliceResult restrict(SubjectIds subject) {
        found(subject).stream().filter(p -> !p.anonymized()).forEach(p -> persons.restrict(p.id, true, ACTOR));
        return SliceResult.done();
    }

    @Override
    public SliceResult liftRestriction(SubjectIds subject) {
        found(subject).stream().filter(p -> !p.anonymized()).forEach(p -> persons.restrict(p.id, false, ACTOR));
        return SliceResult.done();
    }

    private List<Person> found(SubjectIds subject) {
        return store.byIds(subject.personIds());
    }

    private static Map<String, String> classification() {
        Map<String, String> classes = new LinkedHashMap<>();
        for (PersonField field : PersonField.values()) {
            classes.put(field.json(), field.classification().name());
        }
        return classes;
    }
}
