package dev.connectconfig.checks;

import static dev.connectconfig.checks.SamTransformTest.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.engines.CloudFormationTemplate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Sign-in through the company's identity provider (contract C2), read from template.yaml under its conditions: the
 * provider on the stack's user pool with its groups mapped to custom:fc_groups, the app client offering it (and the
 * pool's own users only with LocalUsers=true), nobody able to write their own groups, and the admin app sent
 * straight to the provider.
 */
class IdentityProviderTemplateTest {

    static final Map<String, String> SAML = Map.of("IdentityProviderType", "SAML",
            "SamlMetadataUrl", "https://portal.sso.us-east-1.amazonaws.com/saml/metadata/example");
    static final Map<String, String> OIDC = Map.of("IdentityProviderType", "OIDC",
            "OidcIssuer", "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0",
            "OidcClientId", "6f1c0a52-0000-0000-0000-000000000000",
            "OidcClientSecret", "{{resolve:secretsmanager:flow-config/oidc:SecretString:client_secret}}");
    /** Flows whose tokens carry aws.cognito.signin.user.admin, with which a user may call UpdateUserAttributes. */
    static final Set<String> FLOWS_WITH_ADMIN_SCOPE_TOKENS = Set.of("ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH",
            "ALLOW_CUSTOM_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_USER_AUTH");

    private final Map<String, Object> root = CloudFormationTemplate.load().root();
    private final TemplateReferences references = new TemplateReferences(root);

    @Test
    void theOidcSecretIsTakenOnlyAsADynamicReferenceAndNeverEchoed() {
        Map<String, Object> secret = map(SamTransformTest.section(root, "Parameters").get("OidcClientSecret"));
        String pattern = String.valueOf(secret.get("AllowedPattern"));

        assertEquals(Boolean.TRUE, secret.get("NoEcho"));
        assertTrue(OIDC.get("OidcClientSecret").matches(pattern));
        assertTrue("".matches(pattern), "empty without OIDC");
        for (String refused : List.of("s3cr3t-Value-From-The-IdP", "{{resolve:ssm:/flow-config/oidc}}",
                "{{resolve:secretsmanager:a}}plain", "x{{resolve:secretsmanager:a}}", "{{resolve:secretsmanager:}}")) {
            assertFalse(refused.matches(pattern), refused);
        }
    }

    @Test
    void samlMapsTheEmailAndTheGroupsAttribute() {
        Map<String, Object> provider = deployed(SAML).properties("FlowConfigIdentityProvider");

        assertEquals(Map.of("Ref", "IdentityProviderType"), provider.get("ProviderType"));
        assertEquals(Map.of("MetadataURL", Map.of("Ref", "SamlMetadataUrl")), provider.get("ProviderDetails"));
        assertEquals(Map.of("email", Map.of("Ref", "IdentityProviderEmailAttribute"),
                "custom:fc_groups", Map.of("Ref", "IdentityProviderGroupsAttribute")), provider.get("AttributeMapping"));
        assertEquals(Map.of("Ref", "FlowConfigUserPool"), provider.get("UserPoolId"));
    }

    @Test
    void oidcTakesItsIssuerClientAndSecretReference() {
        Map<String, Object> details = map(deployed(OIDC).properties("FlowConfigIdentityProvider").get("ProviderDetails"));

        assertEquals(Map.of("Ref", "OidcClientSecret"), details.get("client_secret"));
        assertEquals(Map.of("Ref", "OidcClientId"), details.get("client_id"));
        assertEquals(Map.of("Ref", "OidcIssuer"), details.get("oidc_issuer"));
        assertTrue(String.valueOf(details.get("authorize_scopes")).contains("openid"));
    }

    @Test
    void thePoolHoldsTheMappedGroupsInCustomFcGroups() {
        Map<String, Object> groups = null;
        for (Object attribute : (List<?>) deployed(Map.of()).properties("FlowConfigUserPool").get("Schema")) {
            if ("fc_groups".equals(map(attribute).get("Name"))) {
                groups = map(attribute);
            }
        }

        assertTrue(groups != null, "custom:fc_groups is in the pool's schema (it cannot be added conditionally: a "
                + "custom attribute once added is never removed)");
        assertEquals("String", groups.get("AttributeDataType"));
        assertEquals(Boolean.TRUE, groups.get("Mutable"), "mapped again at every federated sign-in");
        assertEquals("2048", map(groups.get("StringAttributeConstraints")).get("MaxLength"));
        assertFalse(deployed(Map.of()).has("FlowConfigIdentityProvider"), "no provider by default");
    }

    @ParameterizedTest(name = "{0}, LocalUsers={1}: the client offers {2}")
    @CsvSource({
        "none, true, COGNITO",
        "SAML, true, COGNITO CompanySSO",
        "SAML, false, CompanySSO",
        "OIDC, true, COGNITO CompanySSO",
        "OIDC, false, CompanySSO"
    })
    void theClientOffersThePoolsOwnUsersOnlyWithLocalUsers(String type, String localUsers, String offered) {
        Map<String, String> values = new LinkedHashMap<>(type.equals("SAML") ? SAML : type.equals("OIDC") ? OIDC
                : Map.of());
        values.put("LocalUsers", localUsers);
        assertEquals(List.of(), references.refusals(values));

        List<?> providers = (List<?>) deployed(values).properties("FlowConfigUserPoolClient")
                .get("SupportedIdentityProviders");

        assertEquals(List.of(offered.split(" ")), providers.stream().map(p -> p instanceof Map<?, ?> ref
                ? references.withDefaults(values).get(String.valueOf(ref.get("Ref"))) : p).toList());
    }

    /** Cognito writes a mapped attribute with the client's permissions; a user must never write it themselves. */
    @ParameterizedTest(name = "IdentityProviderType={0}")
    @CsvSource({"none", "SAML", "OIDC"})
    void nobodyCanWriteTheirOwnGroupsOrScopes(String type) {
        Map<String, String> values = type.equals("SAML") ? SAML : type.equals("OIDC") ? OIDC : Map.of();
        Map<String, Object> client = deployed(values).properties("FlowConfigUserPoolClient");
        List<?> writable = (List<?>) client.get("WriteAttributes");

        assertTrue(writable.stream().noneMatch(a -> Set.of("custom:fc_full", "custom:fc_edit", "custom:fc_read")
                .contains(String.valueOf(a))), writable.toString());
        assertTrue(((List<?>) client.get("ReadAttributes")).contains("custom:fc_groups"));
        boolean groupsWritable = writable.contains("custom:fc_groups");
        assertEquals(!type.equals("none"), groupsWritable, "writable exactly when a provider maps it");
        if (groupsWritable) {
            assertTrue(((List<?>) client.get("ExplicitAuthFlows")).stream().noneMatch(
                    FLOWS_WITH_ADMIN_SCOPE_TOKENS::contains), "no flow yields a token that could write it: "
                    + client.get("ExplicitAuthFlows"));
            assertFalse(((List<?>) client.get("AllowedOAuthScopes")).contains("aws.cognito.signin.user.admin"));
        }
    }

    @Test
    void theAdminAppGoesStraightToTheProviderAndTheClientWaitsForIt() {
        Map<String, Object> withProvider = map(CloudFormationTemplate.at(deployed(SAML).properties("AdminAppFunction"),
                "Environment", "Variables"));
        Map<String, Object> without = map(CloudFormationTemplate.at(deployed(Map.of()).properties("AdminAppFunction"),
                "Environment", "Variables"));
        Map<String, String> existingPool = new LinkedHashMap<>(SAML);
        existingPool.put("UserPoolArn", SamTransformTest.EXAMPLE_VALUES.get("UserPoolArn"));

        assertEquals(Map.of("Ref", "IdentityProviderName"), withProvider.get("IDENTITY_PROVIDER"));
        assertEquals("", without.get("IDENTITY_PROVIDER"));
        assertEquals("", CloudFormationTemplate.at(deployed(existingPool).properties("AdminAppFunction"),
                "Environment", "Variables", "IDENTITY_PROVIDER"), "an existing pool's providers are its owner's");
        assertEquals("FlowConfigIdentityProviderReady", map(SamTransformTest.section(root, "Resources")
                .get("FlowConfigUserPoolClient")).get("DependsOn"));
        assertEquals(Map.of("IdentityProvider", Map.of("Ref", "FlowConfigIdentityProvider")), map(deployed(SAML)
                .resources().get("FlowConfigIdentityProviderReady")).get("Metadata"));
    }

    @Test
    void anIncompleteProviderIsRefusedBeforeAnythingIsCreated() {
        assertRefused(Map.of("IdentityProviderType", "SAML"), "SamlNeedsItsMetadata");
        assertRefused(Map.of("IdentityProviderType", "OIDC", "OidcIssuer", "https://idp.example.com",
                "OidcClientId", "x"), "OidcNeedsItsClient");
        assertRefused(Map.of("LocalUsers", "false"), "WithoutLocalUsersSomeoneMustSignIn");
        assertEquals(List.of(), references.refusals(SAML));
        assertEquals(List.of(), references.refusals(OIDC));
    }

    private void assertRefused(Map<String, String> values, String rule) {
        List<String> refused = references.refusals(values);
        assertEquals(1, refused.size(), refused.toString());
        assertTrue(refused.get(0).startsWith(rule + ": "), refused.get(0));
    }

    private TemplateUnderConditions deployed(Map<String, String> values) {
        return new TemplateUnderConditions(root, values);
    }
}
