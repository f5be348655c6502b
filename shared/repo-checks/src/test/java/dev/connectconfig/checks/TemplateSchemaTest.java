package dev.connectconfig.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.connectconfig.engines.CloudFormationTemplate;
import dev.connectconfig.engines.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * template.yaml against the official AWS SAM schema, which the team keeps beside the repository in
 * {@code ../shared/schemas/}. A user's clone has no such folder; there the check is skipped and says why.
 */
class TemplateSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Path samSchema() {
        return RepoFiles.root().getParent().resolve("shared/schemas/sam.schema.json");
    }

    @Test
    void templateValidatesAgainstTheSamSchema() throws Exception {
        Path schemaFile = samSchema();
        assumeTrue(Files.isRegularFile(schemaFile), "skipped: the SAM schema is not at " + schemaFile
                + " (it sits beside the repository in the team's shared folder, not in a user's clone)");
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                .getSchema(JSON.readTree(schemaFile.toFile()));
        JsonNode template = JSON.valueToTree(CloudFormationTemplate.load().root());

        Set<ValidationMessage> errors = schema.validate(template);

        assertTrue(errors.isEmpty(), "template.yaml does not match the SAM schema: " + errors);
    }

    @Test
    void schemaCheckCatchesABrokenTemplate() throws Exception {
        Path schemaFile = samSchema();
        assumeTrue(Files.isRegularFile(schemaFile), "skipped: the SAM schema is not at " + schemaFile);
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
                .getSchema(JSON.readTree(schemaFile.toFile()));
        Map<String, Object> broken = Map.of("Resources", Map.of("Fn", Map.of(
                "Type", "AWS::Serverless::Function",
                "Properties", Map.of("CodeUri", "x.jar", "Handler", "a::b", "Runtime", "java21",
                        "SnapStartt", Map.of("ApplyOn", "PublishedVersions")))));

        assertTrue(!schema.validate(JSON.valueToTree(broken)).isEmpty(), "the schema check accepts anything");
    }

    @Test
    void shortFormTagsBecomeTheirLongForm() {
        Map<String, Object> properties = CloudFormationTemplate.load().properties("GetConfigFunction");

        Object ttl = CloudFormationTemplate.at(properties, "Environment", "Variables", "CACHE_TTL_SECONDS");
        assertEquals(Map.of("Ref", "CacheTtlSeconds"), ttl);
        Object table = CloudFormationTemplate.at(properties, "Environment", "Variables", "FLOW_CONFIG_TABLE");
        assertEquals(Map.of("Fn::If", List.of("RegionalFlowConfigTables", Map.of("Ref", "FlowConfigTable"),
                Map.of("Ref", "FlowConfigTableName"))), table);
    }

    @Test
    void everyCodeUriIsTheJarOfAFunctionModule() {
        CloudFormationTemplate template = CloudFormationTemplate.load();
        List<String> functions = template.resourcesOfType("AWS::Serverless::Function");
        assertTrue(!functions.isEmpty());
        for (String function : functions) {
            String codeUri = String.valueOf(template.properties(function).get("CodeUri"));
            Path module = RepoFiles.root().resolve(codeUri).getParent().getParent();
            assertTrue(Files.isRegularFile(module.resolve("pom.xml")), function + ": " + codeUri
                    + " is not under a Maven module");
            String artifact = module.getFileName() + ".jar";
            assertEquals(artifact, Path.of(codeUri).getFileName().toString(), function
                    + ": the shade plugin names each jar after its module");
        }
    }

    @Test
    void everyFunctionModuleIsInTheBuild() throws Exception {
        String parentPom = Files.readString(RepoFiles.path("pom.xml"));
        try (Stream<Path> modules = Files.list(RepoFiles.path("functions"))) {
            for (Path module : modules.filter(m -> Files.isRegularFile(m.resolve("pom.xml"))).toList()) {
                assertTrue(parentPom.contains("<module>functions/" + module.getFileName() + "</module>"),
                        module + " is not a module of the parent pom");
            }
        }
    }
}
