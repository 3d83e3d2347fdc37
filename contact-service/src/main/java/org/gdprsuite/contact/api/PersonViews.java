package org.gdprsuite.contact.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.gdprsuite.contact.domain.Activity;
import org.gdprsuite.contact.domain.Person;
import org.gdprsuite.contact.domain.PersonField;

/** A person as a role may see it: the catalogue decides which fields are shown, in every endpoint alike. */
public final class PersonViews {

    private PersonViews() {}

    public static Map<String, Object> view(Person person, Set<String> roles) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", person.id);
        for (PersonField field : PersonField.values()) {
            if (field.visibleTo(roles)) {
                view.put(field.json(), field.get(person));
            }
        }
        view.put("restricted", person.restricted);
        view.put("anonymized", person.anonymized());
        view.put("lastActivityAt", person.lastActivityAt);
        view.put("createdAt", person.createdAt);
        view.put("updatedAt", person.updatedAt);
        view.put("version", person.version);
        return view;
    }

    public record ActivityView(
            java.util.UUID id,
            Activity.Type type,
            String subject,
            String body,
            java.time.Instant occurredAt,
            String createdBy) {
        public static ActivityView of(Activity a) {
            return new ActivityView(a.id, a.type, a.subject, a.body, a.occurredAt, a.createdBy);
        }
    }
}
