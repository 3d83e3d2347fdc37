package org.gdprsuite.gateway;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.gdprsuite.testsupport.ServiceProcess;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.TestTopics;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The real services behind the gateway in its tests: contact-service and incident-service run from
 * their built jars (test profile: their test databases, private topics) on free ports. consent-service
 * is "down" (nothing listens), erasure-service "hangs" ({@link SilentService}) and subscription-service
 * hangs up without an answer ({@link SilentService#hangingUp()}).
 */
public class BackendServices implements QuarkusTestResourceLifecycleManager {

    private final List<ServiceProcess> processes = new ArrayList<>();
    private TestTopics topics;
    private final SilentService silent = new SilentService();
    private final SilentService hangUp = SilentService.hangingUp();

    @Override
    public Map<String, String> start() {
        SuiteStack.ensureRunning();
        topics = TestTopics.create();
        Map<String, String> config = new HashMap<>();
        config.put("gdpr.gateway.services.contact-service", start("contact-service"));
        config.put("gdpr.gateway.services.incident-service", start("incident-service"));
        config.put("gdpr.gateway.services.consent-service", "http://127.0.0.1:" + ServiceProcess.freePort());
        config.putAll(silent.start());
        hangUp.listen();
        config.put("gdpr.gateway.services.subscription-service", hangUp.url());
        return config;
    }

    @Override
    public void stop() {
        processes.forEach(ServiceProcess::stop);
        silent.stop();
        hangUp.stop();
        topics.delete();
    }

    private String start(String service) {
        ServiceProcess backend = ServiceProcess.start(
                service,
                ServiceProcess.freePort(),
                Map.of("quarkus.profile", "test", TestTopics.PREFIX_PROPERTY, topics.prefix()));
        processes.add(backend);
        return backend.url();
    }
}
