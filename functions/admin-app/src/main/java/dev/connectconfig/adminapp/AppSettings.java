package dev.connectconfig.adminapp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How the console signs users in, who may frame it and whether this region takes changes, from the function's
 * environment (set by template.yaml).
 *
 * @param signIn           {@code cognito} (managed login, authorization code with PKCE) or {@code local-login} (the
 *                         offline runner's sign-in)
 * @param cognitoDomain    the user pool domain's base URL, such as {@code https://x.auth.us-east-1.amazoncognito.com}
 * @param frameAncestors   origins that may show the app in a frame (the Amazon Connect agent workspace), or empty
 * @param identityProvider the company IdP's name in the user pool, sent as {@code identity_provider} so sign-in goes
 *                         straight to it; empty for the user pool's own sign-in page
 * @param readOnlyRegion   the primary region when this region is a read-only replica; empty when it is the primary
 */
record AppSettings(String signIn, String cognitoDomain, List<String> frameAncestors, String identityProvider,
        String readOnlyRegion) {

    static final String SIGN_IN_VARIABLE = "SIGN_IN";
    static final String COGNITO_DOMAIN_VARIABLE = "COGNITO_DOMAIN_URL";
    static final String FRAME_ANCESTORS_VARIABLE = "FRAME_ANCESTORS";
    static final String IDENTITY_PROVIDER_VARIABLE = "IDENTITY_PROVIDER";
    static final String PRIMARY_REGION_VARIABLE = "PRIMARY_REGION";
    static final String REGION_VARIABLE = "AWS_REGION";
    static final String COGNITO = "cognito";
    static final String LOCAL_LOGIN = "local-login";

    AppSettings {
        if (!COGNITO.equals(signIn) && !LOCAL_LOGIN.equals(signIn)) {
            throw new IllegalArgumentException("SIGN_IN must be cognito or local-login, not " + signIn);
        }
        cognitoDomain = cognitoDomain == null ? "" : cognitoDomain.strip();
        frameAncestors = List.copyOf(frameAncestors);
        identityProvider = identityProvider == null ? "" : identityProvider.strip();
        readOnlyRegion = readOnlyRegion == null ? "" : readOnlyRegion.strip();
    }

    AppSettings(String signIn, String cognitoDomain, List<String> frameAncestors) {
        this(signIn, cognitoDomain, frameAncestors, "", "");
    }

    static AppSettings fromEnvironment() {
        return from(System::getenv);
    }

    static AppSettings from(UnaryOperator<String> environment) {
        String ancestors = environment.apply(FRAME_ANCESTORS_VARIABLE);
        return new AppSettings(environment.apply(SIGN_IN_VARIABLE), environment.apply(COGNITO_DOMAIN_VARIABLE),
                ancestors == null || ancestors.isBlank() ? List.of() : List.of(ancestors.strip().split("\\s*,\\s*")),
                environment.apply(IDENTITY_PROVIDER_VARIABLE), readOnlyRegion(
                        environment.apply(PRIMARY_REGION_VARIABLE), environment.apply(REGION_VARIABLE)));
    }

    /** Contract C1: empty, absent or this region's own name means this region is the primary. */
    static String readOnlyRegion(String primary, String region) {
        if (primary == null || primary.isBlank() || primary.strip().equals(region == null ? "" : region.strip())) {
            return "";
        }
        return primary.strip();
    }

    /**
     * What the console reads at start ({@code app/config.json}); the app client id comes from the API stage's variable
     * {@code adminAppClientId}, empty when there is none.
     */
    Map<String, String> forBrowser(String clientId) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("signIn", signIn);
        settings.put("cognitoDomain", cognitoDomain);
        settings.put("clientId", clientId == null ? "" : clientId);
        settings.put("identityProvider", identityProvider);
        settings.put("readOnlyRegion", readOnlyRegion);
        return settings;
    }
}
