package dev.connectconfig.flowconfig;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.api.errors.ApiException;
import org.junit.jupiter.api.Test;

class ConfigIdsTest {

    @Test
    void theApiRouteNamesAreNeverConfigIds() {
        for (String route : ConfigIds.ROUTE_IDS) {
            ApiException refused = assertThrows(ApiException.class, () -> ConfigIds.check(route));
            assertEquals(400, refused.status());
            assertEquals("INVALID_ID", refused.code());
            assertTrue(refused.getMessage().contains("'" + route + "' is the name of an API route"),
                    refused.getMessage());
            assertFalse(ConfigIds.isConfigId(route), route);
        }
    }

    @Test
    void anIdIsLettersDigitsAndAFewMarksButNotADotPath() {
        for (String bad : new String[] {null, "", ".", "..", "a b", "a/b", "x".repeat(129)}) {
            ApiException refused = assertThrows(ApiException.class, () -> ConfigIds.check(bad), String.valueOf(bad));
            assertEquals("INVALID_ID", refused.code());
            assertFalse(ConfigIds.isConfigId(bad), String.valueOf(bad));
        }
        for (String good : new String[] {"main-queue", "+18005550100", "sales:emea_1.b", "exports"}) {
            assertDoesNotThrow(() -> ConfigIds.check(good));
            assertTrue(ConfigIds.isConfigId(good), good);
        }
    }
}
