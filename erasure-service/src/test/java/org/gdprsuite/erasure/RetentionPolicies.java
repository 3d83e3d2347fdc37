package org.gdprsuite.erasure;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gdprsuite.events.CloudEvent;
import org.gdprsuite.events.EventCodec;
import org.gdprsuite.events.EventType;
import org.gdprsuite.events.Topics;
import org.gdprsuite.events.payload.RetentionErasureRequested;
import org.gdprsuite.events.payload.RetentionErasureRequested.Criteria;
import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.KafkaProbe;
import org.gdprsuite.testsupport.Tokens;

import io.restassured.http.ContentType;
import io.restassured.response.Response;

import static io.restassured.RestAssured.given;

/** Retention policies as the tests play contact-service's sweeps: approved by the DPO, swept on contact.events. */
final class RetentionPolicies {

    /** The criteria of the tests' policies. */
    static final Criteria INACTIVE_SUPPLIERS = new Criteria("SUPPLIER", false, 24, false);

    private RetentionPolicies() {}

    /** {@code POST .../approval} of the policy with these criteria as this user, whatever it answers. */
    static Response approval(DemoUser user, UUID policy, Criteria criteria) {
        return given().auth()
                .oauth2(Tokens.of(user))
                .contentType(ContentType.JSON)
                .body(body(criteria))
                .when()
                .post("/api/requests/retention-policies/" + policy + "/approval");
    }

    /** The criteria as the DPO sends them (a criterion not set is null, which Map.of refuses). */
    private static Map<String, Object> body(Criteria criteria) {
        Map<String, Object> body = new HashMap<>();
        body.put("category", criteria.category());
        body.put("withoutLegalBasis", criteria.withoutLegalBasis());
        body.put("inactiveMonths", criteria.inactiveMonths());
        body.put("includeRestricted", criteria.includeRestricted());
        return body;
    }

    /** A new policy with these criteria, approved by the DPO; its id. */
    static UUID approved(Criteria criteria) {
        UUID policy = UUID.randomUUID();
        approval(DemoUser.DPO, policy, criteria).then().statusCode(200);
        return policy;
    }

    /** A sweep of {@code policy} with {@code criteria} matched {@code persons}: sent on contact.events. */
    static CloudEvent sweep(String prefix, UUID policy, Criteria criteria, List<UUID> persons) {
        UUID sweep = UUID.randomUUID();
        CloudEvent matched = CloudEvent.of(
                "contact-service",
                EventType.RETENTION_ERASURE_REQUESTED,
                sweep.toString(),
                new RetentionErasureRequested(persons, "inactive suppliers", sweep, policy, criteria));
        KafkaProbe.send(prefix + Topics.CONTACT_EVENTS, sweep.toString(), EventCodec.toJson(matched));
        return matched;
    }
}
