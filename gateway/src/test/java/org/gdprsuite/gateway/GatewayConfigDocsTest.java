package org.gdprsuite.gateway;

import org.gdprsuite.gateway.config.GatewayConfig;
import org.gdprsuite.testsupport.ConfigDocs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every key of the gateway's configuration is in docs/configuration with its default. */
@Tag("unit")
class GatewayConfigDocsTest {

    @Test
    void everyKeyIsDocumented() {
        ConfigDocs.assertDocumented(GatewayConfig.class);
    }
}
