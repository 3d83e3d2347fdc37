package org.gdprsuite.subscription.domain;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A mailing to the whole audience of a subscription type, each mail with its one-click unsubscribe. */
@ApplicationScoped
public class Mailings {

    private static final int BATCH = 500;

    @Inject
    SubscriptionTypes types;

    @Inject
    Audiences audiences;

    @Inject
    SuiteMail mail;

    /** Sends to every member with an address, a batch of the audience at a time; returns how many were sent. */
    public int send(String typeKey, String subject, String text) {
        SubscriptionType type = types.get(typeKey);
        int sent = 0;
        UUID after = null;
        List<Audiences.Member> batch;
        do {
            batch = audiences.after(typeKey, after, BATCH);
            for (Audiences.Member member : batch) {
                if (member.email() != null) {
                    mail.sendMailing(type, member, subject, text);
                    sent++;
                }
            }
            after = batch.isEmpty() ? null : batch.get(batch.size() - 1).personId();
        } while (batch.size() == BATCH);
        return sent;
    }
}
