package org.gdprsuite.erasure.config;

import org.gdprsuite.testsupport.ConfigDocs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class ErasureConfigDocsTest {

    @Test
    void everyKeyIsDocumentedWithItsDefault() {
        ConfigDocs.assertDocumented(ErasureConfig.class);
    }
}
