package dev.connectconfig.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.engines.CloudFormationTemplate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The runner serves the admin app as API Gateway would: its routes opt out of the authorizer, no other route does. */
class AdminAppRoutesTest {

    private static final CloudFormationTemplate TEMPLATE = CloudFormationTemplate.load();

    @Test
    void onlyTheAppsRoutesAreServedWithoutAToken() {
        SamTemplate template = new SamTemplate(TEMPLATE, new TemplateValues(TEMPLATE, Map.of()));

        List<String> open = template.routes().stream().filter(template::withoutAuthorizer)
                .map(route -> route.method() + " " + route.path()).toList();

        assertEquals(List.of("GET /app", "GET /app/{proxy+}"), open);
        assertFalse(template.routes().stream().filter(route -> !template.withoutAuthorizer(route)).toList().isEmpty());
    }

    @Test
    void theApisStageVariablesReachTheFunctionsResolvedAsAStackWouldHaveThem() {
        TemplateValues existingPool = new TemplateValues(TEMPLATE, Map.of("UserPoolArn",
                "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Example", "AdminAppClientId", "client7"));

        assertEquals(Map.of("adminAppClientId", "client7"),
                new SamTemplate(TEMPLATE, existingPool).stageVariables("FlowConfigApi"));
    }

    @Test
    void locallyTheAppSignsInWithTheRunnersLoginPage() {
        TemplateValues values = new TemplateValues(TEMPLATE, LocalSystem.LOCAL_PARAMETERS);

        assertEquals("local-login", values.parameter("AdminAppSignIn"));
        assertEquals("cognito", new TemplateValues(TEMPLATE, Map.of()).parameter("AdminAppSignIn"),
                "a deployment signs in with Cognito by default");
        assertTrue(new SamTemplate(TEMPLATE, values).function("AdminApp").orElseThrow().environment()
                .get("SIGN_IN").equals("local-login"));
    }
}
