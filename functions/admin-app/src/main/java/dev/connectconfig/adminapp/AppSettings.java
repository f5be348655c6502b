package dev.connectconfig.adminapp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How the app signs users in and who may frame it, from the function's environment (set by template.yaml).
 *
 * @param signIn          {@code cognito} (managed login, authorization code with PKCE) or {@code local-login} (the
 *                        offline runner's sign-in)
 * @param cognitoDomain   the user pool domain's base URL, such as {@code https://x.auth.us-east-1.amazoncognito.com}
 * @param frameAncestors  origins that may show the app in a frame (the Amazon Connect agent workspace), or empty
 */
record AppSettings(String signIn, String cognitoDomain, List<String> frameAncestors) {

    static final String SIGN_IN_VARIABLE = "SIGN_IN";
    static final String COGNITO_DOMAIN_VARIABLE = "COGNITO_DOMAIN_URL";
    static final String FRAME_ANCESTORS_VARIABLE = "FRAME_ANCESTORS";
    static final String COGNITO = "cognito";
    static final String LOCAL_LOGIN = "local-login";

    AppSettings {
        if (!COGNITO.equals(signIn) && !LOCAL_LOGIN.equals(signIn)) {
            throw new IllegalArgumentException("SIGN_IN must be cognito or local-login, not " + signIn);
        }
        cognitoDomain = cognitoDomain == null ? "" : cognitoDomain.strip();
        frameAncestors = List.copyOf(frameAncestors);
    }

    static AppSettings fromEnvironment() {
        return from(System::getenv);
    }

    static AppSettings from(UnaryOperator<String> environment) {
        String ancestors = environment.apply(FRAME_ANCESTORS_VARIABLE);
        return new AppSettings(environment.apply(SIGN_IN_VARIABLE), environment.apply(COGNITO_DOMAIN_VARIABLE), ancestors == null || ancestors.isBlank() ? List.of()
                        : List.of(ancestors.strip().split("\\s*,\\s*")));
    }

    /**
     * What the app reads at start ({@code app/config.json}); the app client id comes from the API stage's variable
     * {@code adminAppClientId}, empty when there is none.
     */
    Map<String, String> forBrowser(String clientId) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("signIn", signIn);
        settings.put("cognitoDomain", cognitoDomain);
        settings.put("clientId", clientId == null ? "" : clientId);
        return settings;
    }
}
