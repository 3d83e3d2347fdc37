package org.gdprsuite.erasure;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.ServiceBootContract;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(SuiteStack.class)
class ErasureServiceBootTest extends ServiceBootContract {

    ErasureServiceBootTest() {
        super("/api/requests", DemoUser.SUPPORT, () -> Tokens.of(DemoUser.SALES));
    }
}
