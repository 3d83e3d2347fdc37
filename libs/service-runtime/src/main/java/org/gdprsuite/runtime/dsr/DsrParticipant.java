package org.gdprsuite.runtime.dsr;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.SubjectIds;

/**
 * A service's part in data-subject requests. A service that holds personal data implements this
 * (one CDI bean) and the library does the rest: it consumes {@code dsr.commands}, calls these methods
 * once per command inside a transaction ({@link #eraseAll} for a batch command, or for erasures arriving
 * together), replies on {@code dsr.replies} through the outbox and announces the participant at start-up.
 * Implementations work on their own slice only and must be idempotent in effect (erasing an already erased
 * subject is done, not an error).
 */
public interface DsrParticipant {

    /** What this participant holds, in words for the DPO (e.g. "persons, organisations and activities"). */
    String slice();

    /** The actions this participant answers; commands for other actions are not addressed to it. */
    default Set<DsrAction> actions() {
        return EnumSet.of(DsrAction.EXPORT, DsrAction.ERASE);
    }

    /** The subject's data in this slice, machine-readable; {@link SliceResult#done(Object)}. */
    SliceResult export(SubjectIds subject);

    /** Anonymize this slice, keeping what law or audit needs; or hold it with the legal reason. */
    SliceResult erase(SubjectIds subject);

    /**
     * Erases the slices of many subjects at once (a retention sweep's batch, or erasure requests whose commands
     * arrived together), in one transaction: one result per subject, in the order given, each as {@link #erase}
     * would answer it, the subjects' emails included. Override it with set-based work when the slice is large; the
     * default erases the subjects one after the other.
     */
    default List<SliceResult> eraseAll(List<SubjectIds> subjects) {
        return subjects.stream().map(this::erase).toList();
    }

    /** Restriction of processing (Art. 18). */
    default SliceResult restrict(SubjectIds subject) {
        return SliceResult.failed("restriction is not supported by this participant");
    }

    default SliceResult liftRestriction(SubjectIds subject) {
        return SliceResult.failed("restriction is not supported by this participant");
    }

    /**
     * Rectification (Art. 16): sets the subject's contact details named in {@code corrections} (contact-service's
     * field names) to their new values. Only the owner of contact details answers it.
     */
    default SliceResult rectify(SubjectIds subject, Map<String, String> corrections) {
        return SliceResult.failed("rectification is not supported by this participant");
    }

    /**
     * Called in the transaction of a command this participant carried out (erasure, restriction or its lift,
     * answered done, not a replay), with the request it belongs to: e.g. to tell the data's recipients (Art. 19).
     */
    default void carriedOut(UUID requestId, DsrAction action, SubjectIds subject) {}

    /**
     * The export of a slice kept per person id: for each of the subject's persons, {@code personId} and what
     * {@code slice} gives for them.
     */
    static SliceResult exportPerPerson(SubjectIds subject, Function<UUID, Map<String, Object>> slice) {
        return SliceResult.done(subject.personIds().stream()
                .map(id -> {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("personId", id);
                    entry.putAll(slice.apply(id));
                    return entry;
                })
                .toList());
    }

    /**
     * {@link #eraseAll} for a slice erased set-based by person id: {@code erase} gets every subject's persons at
     * once, and each subject is done.
     */
    static List<SliceResult> erasePersonsTogether(List<SubjectIds> subjects, Consumer<List<UUID>> erase) {
        erase.accept(subjects.stream().flatMap(s -> s.personIds().stream()).toList());
        return subjects.stream().map(s -> SliceResult.done()).toList();
    }
}
