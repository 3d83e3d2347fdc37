package org.gdprsuite.erasure.domain;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.runtime.web.Results;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** What staff read of requests: a request with its tasks, a page of them (two queries however large), its trail. */
@ApplicationScoped
public class RequestQueries {

    /** A request and what each participant was asked and answered. */
    public record Followed(Request request, List<Task> tasks) {}

    @Inject
    RequestStore requests;

    @Inject
    TaskStore tasks;

    @Inject
    AuditTrail audit;

    @Inject
    Clock clock;

    public Followed get(UUID id) {
        Request request = requests.find(id).orElseThrow(Rules::notFound);
        return new Followed(request, tasks.ofRequests(List.of(id)).getOrDefault(id, List.of()));
    }

    public Results<Followed> page(RequestFilter filter, int page, int size) {
        Results<Request> found = requests.page(filter, clock.instant(), page, size);
        Map<UUID, List<Task>> byRequest =
                tasks.ofRequests(found.items().stream().map(Request::id).toList());
        return new Results<>(
                found.items().stream()
                        .map(r -> new Followed(r, byRequest.getOrDefault(r.id(), List.of())))
                        .toList(),
                page,
                size,
                found.total());
    }

    public Results<AuditLine> audit(UUID id, int page, int size) {
        requests.find(id).orElseThrow(Rules::notFound);
        return audit.of(id, page, size);
    }
}
