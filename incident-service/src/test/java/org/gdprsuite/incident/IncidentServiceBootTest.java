package org.gdprsuite.incident;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.ServiceBootContract;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(SuiteStack.class)
class IncidentServiceBootTest extends ServiceBootContract {

    IncidentServiceBootTest() {
        super("/api/incidents", DemoUser.DPO, () -> Tokens.of(DemoUser.MARKETING));
    }
}
