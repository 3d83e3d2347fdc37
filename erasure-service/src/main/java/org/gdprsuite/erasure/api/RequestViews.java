package org.gdprsuite.erasure.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.gdprsuite.erasure.domain.AuditLine;
import org.gdprsuite.erasure.domain.Origin;
import org.gdprsuite.erasure.domain.Request;
import org.gdprsuite.erasure.domain.RequestQueries.Followed;
import org.gdprsuite.erasure.domain.RequestStatus;
import org.gdprsuite.erasure.domain.RequestType;
import org.gdprsuite.erasure.domain.Task;
import org.gdprsuite.erasure.domain.TaskStatus;
import org.gdprsuite.erasure.fanout.Participant;

/** What the staff API shows of requests, their participants' tasks, their audit trail and the participants. */
public final class RequestViews {

    private RequestViews() {}

    public record TaskView(
            String participant,
            String action,
            TaskStatus status,
            int attempts,
            Instant answeredAt,
            String legalReason,
            String error) {
        static TaskView of(Task t) {
            return new TaskView(
                    t.participant(), t.action(), t.status(), t.attempts(), t.answeredAt(), t.legalReason(), t.error());
        }
    }

    public record RequestView(
            UUID id,
            RequestType type,
            RequestStatus status,
            Origin origin,
            String email,
            List<UUID> personIds,
            Instant receivedAt,
            Instant dueAt,
            boolean overdue,
            int extendedMonths,
            String extensionReason,
            Instant approvedAt,
            String approvedBy,
            Instant completedAt,
            String rejectionReason,
            UUID duplicateOf,
            Instant escalatedAt,
            List<TaskView> participants) {

        static RequestView of(Followed followed, Instant now) {
            Request r = followed.request();
            return new RequestView(
                    r.id(),
                    r.type(),
                    r.status(),
                    r.origin(),
                    r.email(),
                    r.personIds(),
                    r.receivedAt(),
                    r.dueAt(),
                    r.overdue(now),
                    r.extendedMonths(),
                    r.extensionReason(),
                    r.approvedAt(),
                    r.approvedBy(),
                    r.completedAt(),
                    r.rejectionReason(),
                    r.duplicateOf(),
                    r.escalatedAt(),
                    followed.tasks().stream().map(TaskView::of).toList());
        }
    }

    public record AuditView(Instant at, String actor, String action, String detail) {
        static AuditView of(AuditLine line) {
            return new AuditView(line.at(), line.actor(), line.action(), line.detail());
        }
    }

    /** A service that announced it holds a slice, and the actions it answers. */
    public record ParticipantView(
            String name, String version, String slice, List<String> actions, Instant announcedAt) {
        static ParticipantView of(Participant p) {
            return new ParticipantView(p.name(), p.version(), p.slice(), p.actions(), p.announcedAt());
        }
    }
}
