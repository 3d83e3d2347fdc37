package org.gdprsuite.consent.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The service's settings, kept in their one row. */
@ApplicationScoped
public class ConsentSettings {

    /** Ask every new person by mail to confirm the purposes that need consent (double opt-in). */
    public boolean sendConsentRequests() {
        return ConsentSetting.current().sendConsentRequests;
    }

    @Transactional
    public void sendConsentRequests(boolean send) {
        ConsentSetting.current().sendConsentRequests = send;
    }
}
