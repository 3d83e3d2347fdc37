package org.gdprsuite.demo;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import static org.gdprsuite.demo.Gateway.MARKETING;

/** The end of a run: where to look first, as curl commands that follow the featured person through the suite. */
final class Walkthrough {

    private final Gateway gateway;

    Walkthrough(Gateway gateway) {
        this.gateway = gateway;
    }

    /** {@code request}: the featured person's open access request, null if someone dealt with it already. */
    void print(UUID erika, JsonNode incident, JsonNode request) {
        String link = gateway.send(
                        MARKETING, "POST", "/api/subscriptions/persons/" + erika + "/preferences-link", null, null, 200)
                .body()
                .path("link")
                .asText();
        String api = Gateway.URL + "/api";
        System.out.printf(
                """

                Erika Mustermann (%s) is the demo's guide: a customer with a birth date, activities, consents,
                subscriptions and an open access request. Tokens live 5 minutes; run ./suite token again when curl says 401.

                  S=$(./suite token sales); M=$(./suite token marketing); F=$(./suite token finance); D=$(./suite token dpo)
                  curl -s -H "Authorization: Bearer $S" '%s/contacts/persons?q=mustermann'        # the person, as sales
                  curl -s -H "Authorization: Bearer $M" %s/contacts/persons/%s   # no birthDate for marketing
                  curl -s -H "Authorization: Bearer $F" %s/contacts/persons/%s   # finance sees it
                  curl -s -H "Authorization: Bearer $S" %s/contacts/persons/%s/activities
                  curl -s -H "Authorization: Bearer $S" %s/consents/persons/%s
                  curl -s -H "Authorization: Bearer $M" '%s/subscriptions/types/%s/audience?size=5'
                  curl -s -H "Authorization: Bearer $D" %s/contacts/compliance-report
                  curl -s -H "Authorization: Bearer $D" '%s/requests?status=VERIFIED'              # the open request
                  curl -s -X POST -H "Authorization: Bearer $D" %s/requests/%s/approval   # approve it: the export link is mailed
                  curl -s -H "Authorization: Bearer $D" %s/incidents/%s   # breach %s: secondsToDeadline of the 72 hours

                  Preference centre of Erika Mustermann (open in a browser): %s
                  Mail the suite sent: http://127.0.0.1:2580/api/user  (hers: http://127.0.0.1:2580/api/user/%s/messages)
                """,
                erika,
                api,
                api,
                erika,
                api,
                erika,
                api,
                erika,
                api,
                erika,
                api,
                DemoData.NEWSLETTER_TYPE,
                api,
                api,
                api,
                request == null ? "<request id>" : request.path("id").asText(),
                api,
                incident.path("id").asText(),
                incident.path("reference").asText(),
                link,
                DemoData.FEATURED_EMAIL);
    }
}
