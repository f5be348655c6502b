package dev.connectconfig.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.engines.CloudFormationTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairwiseCombinationsTest {

    @Test
    void elevenYesNoParametersAreCoveredByAFewRowsInsteadOf2048() {
        Map<String, List<String>> domains = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            domains.put("p" + i, List.of("yes", "no"));
        }
        List<Map<String, String>> rows = PairwiseCombinations.of(domains);

        assertEquals(List.of(), PairwiseCombinations.uncoveredPairs(domains, rows));
        assertTrue(rows.size() <= 12, rows.size() + " rows");
    }

    @Test
    void mixedDomainsAreCoveredAndARowAlwaysHoldsEveryParameter() {
        Map<String, List<String>> domains = new LinkedHashMap<>();
        domains.put("mode", List.of("public", "private", "other"));
        domains.put("sso", List.of("none", "saml", "oidc", "x"));
        domains.put("alarms", List.of("true", "false"));
        domains.put("regions", List.of("", "eu-west-1"));
        List<Map<String, String>> rows = PairwiseCombinations.of(domains);

        assertEquals(List.of(), PairwiseCombinations.uncoveredPairs(domains, rows));
        assertTrue(rows.size() >= 12, "at least |mode| × |sso| rows: " + rows.size());
        rows.forEach(row -> assertEquals(domains.keySet(), row.keySet()));
    }

    @Test
    void theCheckOfCoverageFindsAMissingPair() {
        Map<String, List<String>> domains = Map.of("a", List.of("1", "2"), "b", List.of("x", "y"));
        List<Map<String, String>> rows = List.of(Map.of("a", "1", "b", "x"), Map.of("a", "2", "b", "y"),
                Map.of("a", "1", "b", "y"));

        assertFalse(PairwiseCombinations.uncoveredPairs(new LinkedHashMap<>(domains), rows).isEmpty());
    }

    @Test
    void theTemplatesConditionValuesAreAllCoveredInFarFewerRowsThanTheirProduct() {
        TemplateReferences references = new TemplateReferences(CloudFormationTemplate.load().root());
        List<Map<String, String>> pairs = references.parameterPairs();

        assertEquals(List.of(), PairwiseCombinations.uncoveredPairs(references.parameterDomains(), pairs));
        assertTrue(pairs.size() * 20 < references.combinationCount(),
                pairs.size() + " rows against " + references.combinationCount());
    }
}
