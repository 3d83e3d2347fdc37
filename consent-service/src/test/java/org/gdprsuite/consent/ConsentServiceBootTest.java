package org.gdprsuite.consent;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.ServiceBootContract;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(SuiteStack.class)
class ConsentServiceBootTest extends ServiceBootContract {

    ConsentServiceBootTest() {
        super("/api/consents/purposes", DemoUser.MARKETING, Tokens::integration);
    }
}
