package org.gdprsuite.gateway;

import java.util.HashSet;
import java.util.Set;

import org.gdprsuite.gateway.domain.TemporaryCredentials;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("unit")
class TemporaryCredentialsUnitTest {

    @Test
    void passwordsHaveEveryKindOfCharacterAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String password = TemporaryCredentials.password();
            assertEquals(20, password.length());
            assertTrue(password.chars().anyMatch(Character::isLowerCase), password);
            assertTrue(password.chars().anyMatch(Character::isUpperCase), password);
            assertTrue(password.chars().anyMatch(Character::isDigit), password);
            assertTrue(password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)), password);
            assertTrue(seen.add(password));
        }
    }

    @Test
    void usernamesAreOpaque() {
        assertTrue(TemporaryCredentials.username().matches("staff-[a-z0-9]{12}"));
    }
}
