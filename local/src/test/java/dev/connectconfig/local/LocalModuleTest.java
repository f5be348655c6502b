package dev.connectconfig.local;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.engines.CloudFormationTemplate;
import dev.connectconfig.engines.RepoFiles;
import org.junit.jupiter.api.Test;

/** `mvn -pl local -am` must build every jar the runner starts, and the parent must build them before local. */
class LocalModuleTest {

    @Test
    void everyFunctionOfTheTemplateIsBuiltBeforeTheRunner() {
        CloudFormationTemplate cloudFormation = CloudFormationTemplate.load();
        SamTemplate template = new SamTemplate(cloudFormation, new TemplateValues(cloudFormation, java.util.Map.of()));
        String localPom = RepoFiles.text("local/pom.xml");
        String parentPom = RepoFiles.text("pom.xml");
        int localModule = parentPom.indexOf("<module>local</module>");
        assertTrue(localModule > 0, "the parent pom builds local");
        for (SamTemplate.LambdaFunction function : template.functions()) {
            String module = function.module();
            String artifact = module.substring(module.lastIndexOf('/') + 1);
            assertTrue(localPom.contains("<artifactId>" + artifact + "</artifactId>"), function.logicalId()
                    + ": add " + artifact + " (type pom, scope provided) to local/pom.xml so -am builds its jar");
            int functionModule = parentPom.indexOf("<module>" + module + "</module>");
            assertTrue(functionModule > 0 && functionModule < localModule,
                    module + " must be a module of the parent pom, listed before local");
        }
    }
}
