package dev.connectconfig.getconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.testing.CloudFormationTemplate;
import dev.connectconfig.testing.TemplateContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** template.yaml's promises about GetConfig, checked against the jar this module built and its source. */
class TemplateContractIT {

    @Test
    void handlerCodeUriAndEnvironmentMatchTheBuild() {
        assertEquals(Set.of("GetConfigFunction"), TemplateContract.verifyModule("functions/get-config"));
    }

    @Test
    void theEnvironmentCheckSeesWhatTheCodeReads() {
        Set<String> reads = TemplateContract.envReads(Path.of("src/main/java"));

        assertTrue(reads.containsAll(Set.of("FLOW_CONFIG_TABLE", "CACHE_TTL_SECONDS")), reads.toString());
    }

    @Test
    void theFunctionIsSnapStartedBehindAnAliasWithAShortTimeoutAndReadOnlyAccess() {
        Map<String, Object> function = CloudFormationTemplate.load().properties("GetConfigFunction");

        assertEquals("PublishedVersions", CloudFormationTemplate.at(function, "SnapStart", "ApplyOn"));
        assertEquals("live", function.get("AutoPublishAlias"));
        assertTrue((Integer) function.get("Timeout") < 8);
        assertEquals(Map.of("TableName", Map.of("Ref", "FlowConfigTable")),
                ((Map<?, ?>) ((java.util.List<?>) function.get("Policies")).get(0)).get("DynamoDBReadPolicy"));
    }
}
