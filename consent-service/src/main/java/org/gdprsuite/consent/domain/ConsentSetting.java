package org.gdprsuite.consent.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The service's settings (one row). */
@Entity
@Table(name = "consent_setting")
public class ConsentSetting extends PanacheEntityBase {

    @Id
    public short id = 1;

    /** Ask every new person by mail to confirm the purposes that need consent (double opt-in). */
    @Column(name = "send_consent_requests")
    public boolean sendConsentRequests;

    public static ConsentSetting current() {
        return findById((short) 1);
    }
}
