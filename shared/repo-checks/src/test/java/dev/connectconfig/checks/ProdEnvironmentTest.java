package dev.connectconfig.checks;

import static dev.connectconfig.checks.SamTransformTest.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.engines.CloudFormationTemplate;
import dev.connectconfig.engines.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * samconfig.toml's {@code prod} environment, the platform team's worked example of the enterprise deployment: every
 * value it gives is one template.yaml accepts, the Rules refuse none of them, and it turns on what it says it does.
 */
class ProdEnvironmentTest {

    private static final Pattern OVERRIDES = Pattern.compile(
            "\\[prod\\.deploy\\.parameters][^\\[]*?parameter_overrides = \"([^\"]*)\"", Pattern.DOTALL);

    @Test
    void prodIsAPrivateDeployWithTheCompanysSignInAndAlarmsThatTheTemplateAccepts() throws IOException {
        Matcher overrides = OVERRIDES.matcher(Files.readString(RepoFiles.path("samconfig.toml")));
        assertTrue(overrides.find(), "samconfig.toml has prod parameter_overrides");
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : overrides.group(1).trim().split(" +")) {
            values.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        Map<String, Object> root = CloudFormationTemplate.load().root();
        Map<String, Object> parameters = SamTransformTest.section(root, "Parameters");

        values.forEach((name, value) -> {
            Map<String, Object> parameter = map(parameters.get(name));
            assertTrue(parameters.containsKey(name), name + " is no parameter of template.yaml");
            if (parameter.get("AllowedValues") instanceof List<?> allowed) {
                assertTrue(allowed.stream().map(String::valueOf).toList().contains(value), name + "=" + value);
            }
            if (parameter.get("AllowedPattern") != null) {
                assertTrue(value.matches(String.valueOf(parameter.get("AllowedPattern"))), name + "=" + value);
            }
        });
        TemplateReferences references = new TemplateReferences(root);
        assertEquals(List.of(), references.refusals(values));
        Map<String, Boolean> holds = references.conditionsUnder(references.withDefaults(values));
        for (String condition : List.of("PrivateNetwork", "CreateStackVpcEndpoints", "CreateFunctionSecurityGroup",
                "UseIdentityProvider", "SamlIdentityProvider", "EnableMonitoring", "HasAlarmTopicArn")) {
            assertEquals(Boolean.TRUE, holds.get(condition), condition);
        }
        assertEquals(Boolean.FALSE, holds.get("OfferLocalUsers"), "prod signs in through the company's provider only");
    }
}
