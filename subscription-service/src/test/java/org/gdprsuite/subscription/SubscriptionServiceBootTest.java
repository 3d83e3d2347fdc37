package org.gdprsuite.subscription;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.ServiceBootContract;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(SuiteStack.class)
class SubscriptionServiceBootTest extends ServiceBootContract {

    SubscriptionServiceBootTest() {
        super("/api/subscriptions/types", DemoUser.MARKETING, () -> Tokens.of(DemoUser.FINANCE));
    }
}
