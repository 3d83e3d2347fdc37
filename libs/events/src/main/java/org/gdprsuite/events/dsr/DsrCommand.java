package org.gdprsuite.events.dsr;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the orchestrator asks every participant to do for one request (export, erase, restrict, lift, rectify).
 * The action is the event type; {@code participants} are the slices it waits for. An export carries
 * {@code sealingKey}, the request's public key: the slice travels back sealed to it (libs/service-runtime's
 * {@code RequestSeal}), and a participant sends no slice for an export without one. With {@code sealedFor} set,
 * the subject's emails travel sealed under that subject's data key (field
 * {@link org.gdprsuite.events.payload.SealedFields#EMAIL}): unreadable once the request is closed and its key
 * destroyed. Without it (older commands) they travel as they are. A rectification carries {@code corrections}:
 * contact-service's field names and their new values, sealed the same way (field
 * {@link org.gdprsuite.events.payload.SealedFields#correction}).
 */
public record DsrCommand(
        UUID requestId,
        SubjectIds subject,
        List<String> participants,
        String sealingKey,
        String sealedFor,
        Map<String, String> corrections) {

    public DsrCommand {
        participants = participants == null ? List.of() : List.copyOf(participants);
        corrections = corrections == null ? Map.of() : Map.copyOf(corrections);
    }

    /** A command of any action but a rectification. */
    public DsrCommand(
            UUID requestId, SubjectIds subject, List<String> participants, String sealingKey, String sealedFor) {
        this(requestId, subject, participants, sealingKey, sealedFor, null);
    }

    /** A command whose emails travel as they are. */
    public DsrCommand(UUID requestId, SubjectIds subject, List<String> participants, String sealingKey) {
        this(requestId, subject, participants, sealingKey, null);
    }

    /** A command without a sealing key (every action but an export), its emails as they are. */
    public DsrCommand(UUID requestId, SubjectIds subject, List<String> participants) {
        this(requestId, subject, participants, null, null);
    }
}
