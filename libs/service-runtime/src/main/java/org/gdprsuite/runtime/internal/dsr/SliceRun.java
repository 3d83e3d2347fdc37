package org.gdprsuite.runtime.internal.dsr;

import java.util.List;
import java.util.Optional;

import org.gdprsuite.events.dsr.DsrAction;
import org.gdprsuite.events.dsr.DsrCommand;
import org.gdprsuite.events.dsr.SubjectIds;
import org.gdprsuite.runtime.crypto.RequestFields;
import org.gdprsuite.runtime.dsr.DsrParticipant;
import org.gdprsuite.runtime.dsr.SliceResult;
import org.gdprsuite.runtime.internal.config.CryptoConfig;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Runs a participant's slice of one command on the subject in clear: emails that travel sealed under the request's
 * key ({@link DsrCommand#sealedFor()}) are opened first, so participants' code does not change. Once the request is
 * closed and its key destroyed nothing opens: the command (late or replayed) is answered failed, without effect.
 * A service without a key store (the gateway) cannot open them and never needs to: it finds its slice by person id,
 * so its participant gets the person ids alone.
 */
@ApplicationScoped
class SliceRun {

    @Inject
    RequestFields fields;

    @Inject
    CryptoConfig crypto;

    SliceResult perform(DsrParticipant participant, DsrAction action, DsrCommand command) {
        if (!participant.actions().contains(action)) {
            return SliceResult.failed(action + " is not supported by this participant");
        }
        Optional<SubjectIds> opened = subject(command);
        if (opened.isEmpty()) {
            return closed();
        }
        SubjectIds subject = opened.get();
        return switch (action) {
            case EXPORT -> participant.export(subject);
            case ERASE -> participant.erase(subject);
            case RESTRICT -> participant.restrict(subject);
            case LIFT_RESTRICTION -> participant.liftRestriction(subject);
            case RECTIFY -> rectify(participant, subject, command);
        };
    }

    /** The command's subject in clear; empty once its request is closed. */
    Optional<SubjectIds> subject(DsrCommand command) {
        return crypto.enabled()
                ? fields.open(command.sealedFor(), command.subject())
                : Optional.of(withoutSealedEmails(command));
    }

    static SliceResult closed() {
        return SliceResult.failed("the request is closed: its subject's addresses no longer open");
    }

    /** The corrections open as the emails do; a closed request's no longer do, and nothing is changed. */
    private SliceResult rectify(DsrParticipant participant, SubjectIds subject, DsrCommand command) {
        if (!crypto.enabled() && command.sealedFor() != null) {
            return SliceResult.failed("sealed corrections need the key store");
        }
        return fields.openCorrections(command.sealedFor(), command.corrections())
                .filter(corrections -> !corrections.isEmpty())
                .map(corrections -> participant.rectify(subject, corrections))
                .orElseGet(() -> SliceResult.failed("the request is closed or names no correction"));
    }

    private static SubjectIds withoutSealedEmails(DsrCommand command) {
        SubjectIds subject = command.subject();
        return command.sealedFor() == null ? subject : new SubjectIds(subject.personIds(), List.of());
    }
}
