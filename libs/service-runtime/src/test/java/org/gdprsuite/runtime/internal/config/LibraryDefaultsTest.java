package org.gdprsuite.runtime.internal.config;

import java.time.Duration;

import org.eclipse.microprofile.config.ConfigProvider;
import org.gdprsuite.testsupport.SuiteStack;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The mappings' defaults reach the application, and a service's own values override them. */
@QuarkusTest
@WithTestResource(SuiteStack.class)
class LibraryDefaultsTest {

    @Inject
    OutboxConfig outbox;

    @Inject
    ConsumerConfig consumer;

    @Inject
    CryptoConfig crypto;

    @Test
    void defaultsComeFromTheMappingsAndTheServiceOverridesThem() {
        assertEquals(500, outbox.batchSize());
        assertEquals(Duration.ofMillis(10), consumer.firstBackoff(), "the toy service's application.properties");
        assertEquals("test", crypto.activeMasterKey().orElseThrow(), "a %test value");
    }

    @Test
    void onlyTheTestProfileHasAWorkingSigningKey() {
        // The %test value of the library's microprofile-config.properties; no profile-less default exists.
        assertEquals(
                "m9lcUusnXEfJvs3NvwJl5Z/I2eHAOCSelWuMl8BMQL0=",
                ConfigProvider.getConfig().getValue("gdpr.links.signing-key", String.class));
    }
}
