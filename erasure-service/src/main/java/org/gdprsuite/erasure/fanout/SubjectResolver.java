package org.gdprsuite.erasure.fanout;

import java.util.List;
import java.util.UUID;

/** Email → the ids of the persons it belongs to (several may match), as contact-service knows them. */
public interface SubjectResolver {

    /** @param bearerToken the token of the staff member who asks, passed on to contact-service */
    List<UUID> personIds(String email, String bearerToken);
}
