package org.gdprsuite.contact;

import org.gdprsuite.testsupport.DemoUser;
import org.gdprsuite.testsupport.ServiceBootContract;
import org.gdprsuite.testsupport.SuiteStack;
import org.gdprsuite.testsupport.Tokens;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(SuiteStack.class)
class ContactServiceBootTest extends ServiceBootContract {

    ContactServiceBootTest() {
        super("/api/contacts/persons", DemoUser.SALES, Tokens::integration);
    }
}
