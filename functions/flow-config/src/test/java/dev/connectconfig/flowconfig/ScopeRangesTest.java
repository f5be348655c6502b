package dev.connectconfig.flowconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeRangesTest {

    private static List<String> of(Set<String> scopes, String prefix) {
        return ScopeRanges.of(scopes, prefix).ranges().stream().map(r -> r.exact() ? "=" + r.prefix()
                : r.prefix() + "*").toList();
    }

    @Test
    void aPrefixIsNarrowedToTheScopesUnderIt() {
        assertEquals(List.of("sales-*"), of(Set.of("sales-*"), "s"));
        assertEquals(List.of("sales-emea*"), of(Set.of("sales-*"), "sales-emea"));
        assertEquals(List.of(), of(Set.of("sales-*"), "support"));
        assertEquals(List.of("s*"), of(Set.of("*", "sales-*"), "s"));
        assertEquals(List.of("*"), of(Set.of("*"), null));
    }

    @Test
    void rangesAreDisjointAndInIdOrder() {
        assertEquals(List.of("=+18005550100", "sales*", "=support-1"),
                of(Set.of("sales-*", "sales*", "sales-emea", "support-1", "+18005550100"), null));
        assertEquals(List.of("=sales", "sales-*"), of(Set.of("sales-*", "sales"), "sales"));
        assertEquals(List.of("sales*"), of(Set.of("sales*", "sales"), null));
        assertEquals(List.of(), of(Set.of(), null));
    }
}
