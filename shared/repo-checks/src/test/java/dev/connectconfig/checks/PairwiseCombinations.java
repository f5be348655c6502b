package dev.connectconfig.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A covering array of strength 2: value combinations of several parameters such that every pair of values of every
 * two parameters occurs in at least one of them. Built by IPO (in-parameter-order: Lei and Tai, 1998), which is
 * deterministic: the same domains always give the same rows, so a failing row can be found again.
 */
final class PairwiseCombinations {

    private PairwiseCombinations() {
    }

    /** Rows that cover every pair of values of {@code domains} (parameter → its values, in order). */
    static List<Map<String, String>> of(Map<String, List<String>> domains) {
        List<String> names = List.copyOf(domains.keySet());
        List<String[]> rows = new ArrayList<>();
        if (names.isEmpty()) {
            return List.of(Map.of());
        }
        for (String value : domains.get(names.get(0))) {
            String[] row = new String[names.size()];
            row[0] = value;
            rows.add(row);
        }
        for (int i = 1; i < names.size(); i++) {
            List<String> values = domains.get(names.get(i));
            Set<String> uncovered = new LinkedHashSet<>();
            for (int j = 0; j < i; j++) {
                for (String earlier : domains.get(names.get(j))) {
                    for (String value : values) {
                        uncovered.add(pair(j, earlier, value));
                    }
                }
            }
            // Horizontal growth: each existing row takes the value that covers the most pairs still uncovered.
            for (String[] row : rows) {
                String best = values.get(0);
                int bestCount = -1;
                for (String value : values) {
                    int count = 0;
                    for (int j = 0; j < i; j++) {
                        if (row[j] != null && uncovered.contains(pair(j, row[j], value))) {
                            count++;
                        }
                    }
                    if (count > bestCount) {
                        best = value;
                        bestCount = count;
                    }
                }
                row[i] = best;
                for (int j = 0; j < i; j++) {
                    if (row[j] != null) {
                        uncovered.remove(pair(j, row[j], best));
                    }
                }
            }
            // Vertical growth: a pair still uncovered fills a free place of a row that has its value, or a new row.
            for (int j = 0; j < i; j++) {
                for (String earlier : domains.get(names.get(j))) {
                    for (String value : values) {
                        if (!uncovered.remove(pair(j, earlier, value))) {
                            continue;
                        }
                        String[] free = null;
                        for (String[] row : rows) {
                            if (value.equals(row[i]) && row[j] == null) {
                                free = row;
                                break;
                            }
                        }
                        if (free == null) {
                            free = new String[names.size()];
                            free[i] = value;
                            rows.add(free);
                        }
                        free[j] = earlier;
                    }
                }
            }
        }
        List<Map<String, String>> combinations = new ArrayList<>();
        for (String[] row : rows) {
            Map<String, String> combination = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                // A place no pair needed takes the parameter's first value (its default, where it has one).
                combination.put(names.get(i), row[i] != null ? row[i] : domains.get(names.get(i)).get(0));
            }
            combinations.add(combination);
        }
        return combinations;
    }

    /** The pairs of values of two parameters that none of {@code rows} holds, described; empty when all are covered. */
    static List<String> uncoveredPairs(Map<String, List<String>> domains, List<Map<String, String>> rows) {
        List<String> names = List.copyOf(domains.keySet());
        List<String> missing = new ArrayList<>();
        for (int a = 0; a < names.size(); a++) {
            for (int b = a + 1; b < names.size(); b++) {
                for (String x : domains.get(names.get(a))) {
                    for (String y : domains.get(names.get(b))) {
                        String first = names.get(a);
                        String second = names.get(b);
                        if (rows.stream().noneMatch(row -> x.equals(row.get(first)) && y.equals(row.get(second)))) {
                            missing.add(first + "=" + x + " with " + second + "=" + y);
                        }
                    }
                }
            }
        }
        return missing;
    }

    private static String pair(int earlier, String earlierValue, String value) {
        return earlier + "\u0000" + earlierValue + "\u0000" + value;
    }
}
