package org.gdprsuite.erasure;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.gdprsuite.erasure.fanout.SubjectResolver;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

/** Test neighbours: contact-service's subject resolution stood in for by a map. */
public class TestBeans {

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
