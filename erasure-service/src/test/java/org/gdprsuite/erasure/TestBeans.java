package org.gdprsuite.erasure;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.gdprsuite.erasure.fanout.SubjectResolver;
import org.gdprsuite.testsupport.MovableClock;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Test neighbours: a movable clock, and contact-service's subject resolution stood in for by a map. */
public class TestBeans {

    @Produces
    @Singleton
    MovableClock clock() {
        return new MovableClock();
    }

    /** contact-service as the tests set it up: email → person ids. */
    @Alternative
    @Priority(1)
    @ApplicationScoped
    public static class KnownSubjects implements SubjectResolver {

        static final Map<String, List<UUID>> BY_EMAIL = new ConcurrentHashMap<>();

        @Override
        public List<UUID> personIds(String email, String bearerToken) {
            if (bearerToken == null || bearerToken.isBlank()) {
                throw new IllegalStateException("contact-service is asked with the caller's token");
            }
            return BY_EMAIL.getOrDefault(email, List.of());
        }
    }
}
