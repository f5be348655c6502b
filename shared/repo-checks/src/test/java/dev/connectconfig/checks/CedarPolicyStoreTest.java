package dev.connectconfig.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.cedarpolicy.model.ValidationResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectconfig.api.auth.Caller;
import dev.connectconfig.api.auth.FlowConfigAction;
import dev.connectconfig.engines.CedarFlowConfigAuthorizer;
import dev.connectconfig.engines.CedarPolicyFiles;
import dev.connectconfig.engines.CloudFormationTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Cedar files are what Verified Permissions runs: valid against their schema and identical to template.yaml. */
class CedarPolicyStoreTest {

    private static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.load();

    @Test
    void everyPolicyValidatesStrictlyAgainstTheSchema() {
        ValidationResponse response = new CedarFlowConfigAuthorizer().validatePolicies();

        assertTrue(response.validationPassed(), response.toString());
        assertTrue(response.success.orElseThrow().validationErrors.isEmpty(), response.toString());
    }

    @Test
    void theTemplatesPolicyStoreSchemaIsTheSchemaFile() throws Exception {
        String schema = (String) CloudFormationTemplate.at(TEMPLATE.properties("FlowConfigPolicyStore"),
                "Schema", "CedarJson");

        assertEquals(CedarPolicyFiles.schemaJson(), schema);
        assertEquals(new ObjectMapper().readTree(CedarPolicyFiles.schemaJson()), new ObjectMapper().readTree(schema));
        assertEquals("STRICT", CloudFormationTemplate.at(TEMPLATE.properties("FlowConfigPolicyStore"),
                "ValidationSettings", "Mode"));
    }

    @Test
    void theTemplatesPolicyStatementsAreExactlyThePolicyFiles() {
        List<String> statements = new ArrayList<>();
        for (String policy : TEMPLATE.resourcesOfType("AWS::VerifiedPermissions::Policy")) {
            Map<String, Object> properties = TEMPLATE.properties(policy);
            assertEquals(Map.of("Fn::GetAtt", List.of("FlowConfigPolicyStore", "PolicyStoreId")),
                    properties.get("PolicyStoreId"), policy);
            statements.add((String) CloudFormationTemplate.at(properties, "Definition", "Static", "Statement"));
        }
        List<String> files = List.copyOf(CedarPolicyFiles.policies().values());

        assertEquals(files.size(), statements.size());
        assertEquals(Set.copyOf(files), Set.copyOf(statements));
    }

    @Test
    void defaultIsDenyAndTheEngineReallyEvaluates() {
        CedarFlowConfigAuthorizer cedar = new CedarFlowConfigAuthorizer();
        Caller nobody = new Caller("n", "n", Set.of(), Set.of(), Set.of(), Set.of());
        Caller salesAdmin = new Caller("s", "s", Set.of(), Set.of(), Set.of(), Set.of("sales-*"));

        for (FlowConfigAction action : FlowConfigAction.values()) {
            assertFalse(cedar.isAllowed(nobody, action, "sales-emea"), action.name());
            assertTrue(cedar.isAllowed(salesAdmin, action, "sales-emea"), action.name());
            assertFalse(cedar.isAllowed(salesAdmin, action, "support"), action.name());
        }
        assertEquals(3 * FlowConfigAction.values().length, cedar.decisions());
    }
}
