package org.gdprsuite.incident;

import org.gdprsuite.incident.config.IncidentConfig;
import org.gdprsuite.testsupport.ConfigDocs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Every key of the service's configuration is in docs/configuration with its default. */
@Tag("unit")
class IncidentConfigDocsTest {

    @Test
    void everyKeyIsDocumented() {
        ConfigDocs.assertDocumented(IncidentConfig.class);
    }
}
