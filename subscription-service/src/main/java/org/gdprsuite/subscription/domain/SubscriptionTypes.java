package org.gdprsuite.subscription.domain;

import java.util.List;
import java.util.Optional;

import org.gdprsuite.runtime.problem.DomainProblem;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The catalogue of subscription types: the one place that reads and writes it. */
@ApplicationScoped
public class SubscriptionTypes {

    /** The catalogue by key: a short list marketing maintains, not one that grows with persons. */
    public List<SubscriptionType> list() {
        return SubscriptionType.listAll(Sort.by("key"));
    }

    /** The catalogue as a person sees it, by name. */
    public List<SubscriptionType> byName() {
        return SubscriptionType.listAll(Sort.by("name"));
    }

    public Optional<SubscriptionType> find(String key) {
        return key == null || key.length() > 100 ? Optional.empty() : SubscriptionType.findByIdOptional(key);
    }

    public SubscriptionType get(String key) {
        return find(key)
                .orElseThrow(() -> DomainProblem.notFound("subscription-type-not-found", "No such subscription type."));
    }

    /** Creates or replaces a type. */
    @Transactional
    public SubscriptionType define(String key, String name, String description, String purposeKey) {
        SubscriptionType type = find(key).orElseGet(() -> {
            SubscriptionType created = new SubscriptionType();
            created.key = key;
            return created;
        });
        type.name = name;
        type.description = description;
        type.purposeKey = purposeKey;
        type.persist();
        return type;
    }
}
