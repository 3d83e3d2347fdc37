package org.gdprsuite.gateway.domain;

import java.util.List;
import java.util.Set;

import org.gdprsuite.runtime.security.Roles;

/**
 * The gateway's one routing table: which path prefix goes to which service, who may call it (coarse
 * rules; each service checks again, finer), and whether its calls are about persons (access log). Paths pass as
 * they are: a service's operations report keeps the service's name in its path.
 */
public record Route(String prefix, String service, Set<String> roles, boolean personalData) {

    private static final Set<String> STAFF =
            Set.of(Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.FINANCE, Roles.DPO, Roles.ADMIN);

    public static final List<Route> ALL = List.of(
            new Route("/api/contacts/", "contact-service", STAFF, true),
            new Route("/api/consents/", "consent-service", union(STAFF, Roles.INTEGRATION), true),
            new Route(
                    "/api/subscriptions/",
                    "subscription-service",
                    Set.of(Roles.SALES, Roles.MARKETING, Roles.SUPPORT, Roles.DPO, Roles.ADMIN),
                    true),
            new Route("/api/requests/", "erasure-service", Set.of(Roles.DPO, Roles.SUPPORT, Roles.ADMIN), true),
            new Route("/api/incidents/", "incident-service", STAFF, true),
            publicRoute("/public/consents/", "consent-service"),
            publicRoute("/public/subscriptions/", "subscription-service"),
            publicRoute("/public/requests/", "erasure-service"),
            publicRoute("/public/incidents/", "incident-service"),
            operationsRoute("contact-service"),
            operationsRoute("consent-service"),
            operationsRoute("subscription-service"),
            operationsRoute("erasure-service"),
            operationsRoute("incident-service"));

    /** Pages and links for data subjects: no token; their signed links are checked by the service. */
    public boolean isPublic() {
        return roles.isEmpty();
    }

    public boolean allows(Set<String> callerRoles) {
        return isPublic() || callerRoles.stream().anyMatch(roles::contains);
    }

    /** The route of a request path (the collection itself, e.g. /api/incidents, belongs to its prefix too). */
    public static java.util.Optional<Route> of(String path) {
        return ALL.stream()
                .filter(r -> path.startsWith(r.prefix) || path.equals(r.prefix.substring(0, r.prefix.length() - 1)))
                .findFirst();
    }

    /**
     * A service's operations report (its outbox backlog and dead letters, served by libs/service-runtime at
     * {@code /api/operations/<service>}), for dpo and admin; the gateway answers {@code /api/operations/gateway} itself.
     */
    private static Route operationsRoute(String service) {
        return new Route("/api/operations/" + service + "/", service, Set.of(Roles.DPO, Roles.ADMIN), false);
    }

    private static Route publicRoute(String prefix, String service) {
        return new Route(prefix, service, Set.of(), false);
    }

    private static Set<String> union(Set<String> roles, String role) {
        java.util.HashSet<String> all = new java.util.HashSet<>(roles);
        all.add(role);
        return Set.copyOf(all);
    }
}
