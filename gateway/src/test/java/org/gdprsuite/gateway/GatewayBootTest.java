package org.gdprsuite.gateway;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.ServiceBootContract;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(SuiteStack.class)
class GatewayBootTest extends ServiceBootContract {

    GatewayBootTest() {
        super("/api/access-log", DemoUser.DPO, () -> Tokens.of(DemoUser.SUPPORT));
    }

    @Override
    protected boolean openApiOnManagementPort() {
        return true;
    }
}
