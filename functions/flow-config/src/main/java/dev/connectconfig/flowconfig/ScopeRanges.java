package dev.connectconfig.flowconfig;

import dev.connectconfig.api.auth.Caller;
import dev.connectconfig.api.auth.Scopes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The parts of the catalog a caller's scopes can name under a prefix, so a list or a switch reads and authorises
 * only those. Every policy in shared/api-kit/src/main/cedar permits only when one of the caller's scopes is among the
 * config's keys ({@link Scopes#keysOf}), so a config outside these ranges is refused whatever Cedar is asked: the
 * ranges narrow, the authorizer still decides. A range is a prefix ({@code sales-*}) or one exact id.
 */
record ScopeRanges(List<Range> ranges) {

    /** Ids starting with {@code prefix}, or, when {@code exact}, the id {@code prefix} alone. */
    record Range(String prefix, boolean exact) {
    }

    /** Everything under {@code prefix} (null: everything). */
    static ScopeRanges all(String prefix) {
        return new ScopeRanges(List.of(new Range(prefix == null ? "" : prefix, false)));
    }

    /** What the caller's scopes at any level (read, edit, full: every level reads) name under {@code prefix}. */
    static ScopeRanges readable(Caller caller, String prefix) {
        Set<String> scopes = new HashSet<>(caller.readScopes());
        scopes.addAll(caller.editScopes());
        scopes.addAll(caller.fullScopes());
        return of(scopes, prefix);
    }

    /**
     * The disjoint ranges in id order: {@code sales-*} under prefix {@code s} is {@code sales-}; under prefix
     * {@code sales-emea} it is {@code sales-emea}; a scope outside the prefix is no range at all.
     */
    static ScopeRanges of(Set<String> scopes, String prefix) {
        String asked = prefix == null ? "" : prefix;
        List<Range> candidates = new ArrayList<>();
        for (String scope : scopes) {
            if (Scopes.ALL.equals(scope)) {
                candidates.add(new Range(asked, false));
            } else if (scope.endsWith(Scopes.ALL)) {
                String stem = scope.substring(0, scope.length() - 1);
                if (stem.startsWith(asked)) {
                    candidates.add(new Range(stem, false));
                } else if (asked.startsWith(stem)) {
                    candidates.add(new Range(asked, false));
                }
            } else if (scope.startsWith(asked)) {
                candidates.add(new Range(scope, true));
            }
        }
        candidates.sort(Comparator.comparing(Range::prefix).thenComparing(Range::exact));
        List<Range> ranges = new ArrayList<>();
        for (Range range : candidates) {
            boolean covered = ranges.stream().anyMatch(kept -> !kept.exact() && range.prefix()
                    .startsWith(kept.prefix()));
            // Sorted, a range comes before every id and range it covers.
            if (!covered) {
                ranges.add(range);
            }
        }
        return new ScopeRanges(List.copyOf(ranges));
    }

    boolean isEmpty() {
        return ranges.isEmpty();
    }
}
