package dev.connectconfig.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopesTest {

    @Test
    void aConfigCarriesEveryKeyAScopeCanNameItBy() {
        assertEquals(List.of("*", "s*", "sa*", "sal*", "sale*", "sales*", "sales-*", "sales-e*", "sales-eu*",
                "sales-eu"), List.copyOf(Scopes.keysOf("sales-eu")));
    }

    @Test
    void aPrefixPatternNamesTheConfigsItPrefixesAndNoOthers() {
        assertTrue(Scopes.keysOf("sales-emea").contains("sales-*"));
        assertTrue(Scopes.keysOf("sales-").contains("sales-*"));
        assertFalse(Scopes.keysOf("salesforce").contains("sales-*"));
        assertFalse(Scopes.keysOf("+18005550100").contains("+1800555010"), "an exact id is not a prefix");
        assertTrue(Scopes.keysOf("+18005550100").contains("+18005550100"));
    }

    @Test
    void claimsAreCommaOrSpaceSeparatedAndWhatIsNotAScopeIsSetAside() {
        List<String> invalid = new ArrayList<>();

        Set<String> scopes = Scopes.parse(" sales-*, +18005550100  main-queue,*,sa*les,a b/c,../x ", invalid);

        assertEquals(Set.of("sales-*", "+18005550100", "main-queue", "*", "a"), scopes);
        assertEquals(List.of("sa*les", "b/c", "../x"), invalid);
    }

    @Test
    void aBracketedListIsReadToo() {
        assertEquals(Set.of("a*", "b"), Scopes.parse("[\"a*\", \"b\"]", new ArrayList<>()));
    }
}
