package org.gdprsuite.runtime.internal.config;

import org.gdprsuite.testsupport.ConfigDocs;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every key and default of the library's mappings is in docs/configuration/service-runtime.md. */
@Tag("unit")
class LibraryConfigDocsTest {

    @ParameterizedTest
    @ValueSource(
            classes = {
                OutboxConfig.class,
                KafkaConfig.class,
                ConsumerConfig.class,
                CryptoConfig.class,
                LinksConfig.class,
                PublicRateLimitConfig.class,
                PublicFormsConfig.class,
                TokenCacheConfig.class,
                OperationsConfig.class
            })
    void everyKeyIsDocumentedWithItsDefault(Class<?> mapping) {
        ConfigDocs.assertDocumented(mapping);
    }
}
