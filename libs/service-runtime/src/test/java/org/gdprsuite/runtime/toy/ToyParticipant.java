package org.gdprsuite.runtime.toy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.gdprsuite.events.dsr.SubjectIds;
import org.gdprsuite.runtime.dsr.DsrParticipant;
import org.gdprsuite.runtime.dsr.SliceResult;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A participant holding notes about persons; a note "legal hold" keeps the slice (Art. 17(3)(b)). */
@ApplicationScoped
public class ToyParticipant implements DsrParticipant {

    @Inject
    ToyStore store;

    @Override
    public String slice() {
        return "toy notes";
    }

    @Override
    public SliceResult export(SubjectIds subject) {
        return SliceResult.done(Map.of(
                "notes",
                subject.personIds().stream()
                        .flatMap(id -> store.notes(id).stream())
                        .toList()));
    }

    @Override
    public SliceResult erase(SubjectIds subject) {
        for (UUID id : subject.personIds()) {
            if (store.notes(id).contains("legal hold")) {
                return SliceResult.held("Art. 17(3)(b): kept under a legal obligation");
            }
        }
        for (UUID id : subject.personIds()) {
            store.anonymize(id);
            store.effect("erase", id.toString());
        }
        subject.emails().forEach(email -> store.effect("erase-email", email));
        return SliceResult.done();
    }

    /** Each subject as {@link #erase} would; the run is remembered with its persons, to show what went together. */
    @Override
    public List<SliceResult> eraseAll(List<SubjectIds> subjects) {
        store.effect(
                "erase-all",
                subjects.stream()
                        .flatMap(s -> s.personIds().stream())
                        .map(UUID::toString)
                        .collect(Collectors.joining(",")));
        return subjects.stream().map(this::erase).toList();
    }
}
