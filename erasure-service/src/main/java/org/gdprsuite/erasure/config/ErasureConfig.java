package org.gdprsuite.erasure.config;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import org.gdprsuite.erasure.domain.RequestType;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** erasure-service's settings, each with its default here and its row in docs/configuration/erasure-service.md. */
@ConfigMapping(prefix = "gdpr")
public interface ErasureConfig {

    /** Where public links (verification, export download) point: the gateway's public address. */
    @WithDefault("http://127.0.0.1:8080")
    String publicBaseUrl();

    /** The data-subject request orchestrator. */
    Erasure erasure();

    /** Who the personal data report (access export) names as controller, and where a person may complain. */
    Report report();

    interface Report {

        /** The controller's name, when consent-service's record of processing does not reach the report. */
        Optional<String> controllerName();

        /** The controller's postal address. */
        Optional<String> controllerAddress();

        /** How to reach the controller (e-mail, phone). */
        Optional<String> controllerContact();

        /** How to reach the data protection officer. */
        Optional<String> dpoContact();

        /** The supervisory authority a person may complain to (Art. 77). */
        @WithDefault("The data protection authority of your EU Member State (list of the authorities)")
        String authorityName();

        /** Where that authority, or the list of authorities, is found. */
        @WithDefault("https://www.edpb.europa.eu/about-edpb/about-edpb/members_en")
        String authorityUrl();
    }

    interface Erasure {

        /** Request types approved without the DPO when staff take them (e.g. ACCESS,PORTABILITY); none if unset. */
        Optional<Set<RequestType>> autoApprove();

        /** A participant that failed or stays silent is asked again after this, doubling with each attempt. */
        @WithDefault("PT30S")
        Duration retryAfter();

        /** Attempts per participant before its task times out and the request is escalated. */
        @WithDefault("5")
        int maxAttempts();

        /** How often retries, export purges and the due-date gauges run ({@code off} to run them by hand). */
        @WithDefault("10s")
        String retryCheckEvery();

        /** Retention batches fanned out at a time; the others wait in the database. */
        @WithDefault("3")
        int batchesInFlight();

        /** Open requests due within this count as due soon (gauge gdpr.dsr.due.soon). */
        @WithDefault("P7D")
        Duration dueSoon();

        /** How long a portal verification code or link is valid. */
        @WithDefault("PT10M")
        Duration verificationValidity();

        /**
         * A portal request whose address is not proved this long after it was received is closed (REJECTED):
         * its code and link have expired, so nothing can prove it any more, and it leaves the open queue and the
         * overdue count. At least {@code verification-validity}.
         */
        @WithDefault("PT1H")
        Duration unverifiedCloseAfter();

        /** Tries of a verification code; after these the code is spent. */
        @WithDefault("5")
        int verificationAttempts();

        /** How long an export's download link lives; the bundle is purged afterwards. */
        @WithDefault("P7D")
        Duration downloadValidity();

        /**
         * How long the key sealing a request's mails and commands on Kafka outlives the request's closing, so its
         * last mails are still sent; then it is destroyed and no copy of them opens again.
         */
        @WithDefault("PT1H")
        Duration closedKeyGrace();

        /** How long a privacy-centre session lasts after signing in; signing out ends it earlier. */
        @WithDefault("PT30M")
        Duration centreSessionValidity();

        /**
         * The secret of the service's own Keycloak client {@code erasure-service} (client credentials; its service
         * account holds only the role subject-lookup), with which the privacy centre resolves a proved address to
         * its persons at contact-service. None outside dev and test: without it the centre knows an address's
         * persons only once staff matched them, and See waits for the DPO.
         */
        Optional<String> clientSecret();

        /**
         * Whether the privacy centre shows a signed-in person their data at once (an access request approved by the
         * session's proof of the address); {@code false} requires a formal access request the DPO approves.
         */
        @WithDefault("true")
        boolean centreSelfServiceAccess();

        /**
         * The contact details (contact-service's names) a correction from the privacy centre sets at once, approved by
         * the session's proof of the address; a correction of any other field waits for staff review. Names and the
         * e-mail address are held by default: they say who the person is. {@code none} holds every correction.
         */
        @WithDefault("phone,street,postalCode,city,country")
        Set<String> centreCorrectionsApplied();
    }
}
