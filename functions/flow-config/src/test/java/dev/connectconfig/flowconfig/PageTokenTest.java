package dev.connectconfig.flowconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.connectconfig.api.errors.ApiException;
import org.junit.jupiter.api.Test;

class PageTokenTest {

    @Test
    void aTokenRoundTripsForItsOwnQueryOnly() {
        String token = new PageToken("list:sales-", "sales-emea").encode();

        assertEquals("sales-emea", PageToken.decode(token, "list:sales-"));
        assertEquals("INVALID_TOKEN", assertThrows(ApiException.class,
                () -> PageToken.decode(token, "list:")).code());
    }

    @Test
    void noTokenMeansTheFirstPageAndGarbageIsA400() {
        assertNull(PageToken.decode(null, "list:"));
        for (String garbage : new String[] {"%%%", "bm90IGpzb24", "e30", "x".repeat(2_000)}) {
            assertEquals(400, assertThrows(ApiException.class, () -> PageToken.decode(garbage, "list:")).status(),
                    garbage);
        }
    }
}
