package org.gdprsuite.subscription.config;

import org.gdprsuite.testsupport.ConfigDocs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every key of the service's configuration is in docs/configuration, with the mapping's default. */
@Tag("unit")
class SubscriptionConfigDocsTest {

    @Test
    void everyKeyIsDocumented() {
        ConfigDocs.assertDocumented(SubscriptionConfig.class);
    }
}
