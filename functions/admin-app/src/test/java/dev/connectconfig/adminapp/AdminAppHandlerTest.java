package dev.connectconfig.adminapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectconfig.engines.RepoFiles;
import dev.connectconfig.testing.TestContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The events of {@code events/admin-app/} and the app's own files through the real handler. */
class AdminAppHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AppSettings LOCAL = new AppSettings("local-login", "", List.of());
    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>",
            Pattern.DOTALL);
    private static final Pattern RELATIVE_IMPORT = Pattern.compile("from '\\./([^']+)'");

    private static APIGatewayProxyResponseEvent get(AdminAppHandler handler, String file) {
        APIGatewayProxyRequestEvent event = RepoFiles.event("events/admin-app/page.json",
                APIGatewayProxyRequestEvent.class);
        if (file != null) {
            event.setResource("/app/{proxy+}");
            event.setPathParameters(Map.of("proxy", file));
        }
        return handler.handleRequest(event, new TestContext("AdminApp"));
    }

    private static AdminAppHandler handler(AppSettings settings) {
        return new AdminAppHandler(AppFiles.load(settings));
    }

    private static String sha256(String text) throws Exception {
        return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void thePageIsNeverCachedAndItsPolicyAllowsNoInlineCodeButTheImportMapByItsHash() throws Exception {
        APIGatewayProxyResponseEvent page = handler(LOCAL).handleRequest(RepoFiles.event("events/admin-app/page.json",
                APIGatewayProxyRequestEvent.class), new TestContext("AdminApp"));

        assertEquals(200, page.getStatusCode());
        assertEquals("text/html; charset=utf-8", page.getHeaders().get("Content-Type"));
        assertEquals("no-cache", page.getHeaders().get("Cache-Control"));
        String policy = page.getHeaders().get("Content-Security-Policy");
        assertFalse(policy.contains("unsafe-inline"), policy);
        assertFalse(policy.contains("unsafe-eval"), policy);
        assertTrue(policy.startsWith("default-src 'none'; "), policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        Matcher importMap = IMPORT_MAP.matcher(page.getBody());
        assertTrue(importMap.find(), page.getBody());
        assertTrue(policy.contains("script-src 'self' 'sha256-" + sha256(importMap.group(1)) + "'"), policy);
        assertEquals("nosniff", page.getHeaders().get("X-Content-Type-Options"));
    }

    @Test
    void theAppWithATrailingSlashIsRedirectedToThePageWhoseRelativeFileNamesResolve() {
        APIGatewayProxyRequestEvent event = RepoFiles.event("events/admin-app/page.json",
                APIGatewayProxyRequestEvent.class);
        event.setPath(event.getPath() + "/");

        APIGatewayProxyResponseEvent answer = handler(LOCAL).handleRequest(event, new TestContext("AdminApp"));

        assertEquals(302, answer.getStatusCode());
        // Relative, so /v1/app/ goes to /v1/app and a custom domain's base path is kept.
        assertEquals("../app", answer.getHeaders().get("Location"));
        assertEquals("no-cache", answer.getHeaders().get("Cache-Control"));
        assertEquals("/app", java.net.URI.create("https://example.com/v1/app/").resolve("../app").getPath()
                .substring(3));

        APIGatewayProxyRequestEvent stageOnly = RepoFiles.event("events/admin-app/page.json",
                APIGatewayProxyRequestEvent.class);
        stageOnly.getRequestContext().setPath(stageOnly.getRequestContext().getPath() + "/");
        assertEquals(302, handler(LOCAL).handleRequest(stageOnly, new TestContext("AdminApp")).getStatusCode(),
                "a gateway that trims path still keeps the slash in requestContext.path");
        assertEquals(200, get(handler(LOCAL), null).getStatusCode(), "/app itself is the page");
    }

    @Test
    void everyFileTheImportMapNamesIsServedByItsHashedNameForAYear() throws Exception {
        AdminAppHandler handler = handler(LOCAL);
        JsonNode imports = JSON.readTree(extractImportMap(get(handler, null).getBody())).get("imports");

        assertTrue(imports.size() >= 8, imports.toString());
        imports.properties().forEach(entry -> {
            String plain = entry.getKey().substring("./app/".length());
            String hashed = entry.getValue().asText().substring("./app/".length());
            assertTrue(hashed.matches(plain.replace(".js", "") + "\\.[0-9a-f]{12}\\.js"), hashed);
            APIGatewayProxyResponseEvent file = get(handler, hashed);
            assertEquals(200, file.getStatusCode(), hashed);
            assertEquals("public, max-age=31536000, immutable", file.getHeaders().get("Cache-Control"));
            assertEquals("text/javascript; charset=utf-8", file.getHeaders().get("Content-Type"));
            assertEquals(file.getBody(), get(handler, plain).getBody());
            assertEquals("no-cache", get(handler, plain).getHeaders().get("Cache-Control"));
        });
    }

    @Test
    void thePageLinksTheHashedStyleSheetAndEntryModule() {
        String page = get(handler(LOCAL), null).getBody();

        assertTrue(page.matches("(?s).*href=\"app/app\\.[0-9a-f]{12}\\.css\".*"), page);
        assertTrue(page.matches("(?s).*src=\"app/main\\.[0-9a-f]{12}\\.js\".*"), page);
    }

    @Test
    void everyRelativeImportOfEveryModuleIsAFileOfTheApp() throws Exception {
        AdminAppHandler handler = handler(LOCAL);
        JsonNode imports = JSON.readTree(extractImportMap(get(handler, null).getBody())).get("imports");
        Set<String> modules = new TreeSet<>();
        imports.fieldNames().forEachRemaining(name -> modules.add(name.substring("./app/".length())));

        for (String module : modules) {
            Matcher imported = RELATIVE_IMPORT.matcher(get(handler, module).getBody());
            while (imported.find()) {
                assertTrue(modules.contains(imported.group(1)), module + " imports a missing " + imported.group(1));
            }
        }
    }

    @Test
    void aChangedFileGetsANewHashedName() {
        Map<String, String> files = Map.of("index.html", "<head><!--import-map--></head>", "main.js", "let a = 1;");
        Map<String, String> changed = Map.of("index.html", "<head><!--import-map--></head>", "main.js", "let a = 2;");

        String before = new AppFiles(files, LOCAL).page().body();
        String after = new AppFiles(changed, LOCAL).page().body();

        assertNotEquals(before, after);
        assertTrue(before.contains("\"./app/main.js\":\"./app/main."), before);
    }

    @Test
    void anUnknownFileIsAJsonNotFoundWithoutInternals() throws Exception {
        APIGatewayProxyResponseEvent missing = get(handler(LOCAL), "../../etc/passwd");

        assertEquals(404, missing.getStatusCode());
        JsonNode body = JSON.readTree(missing.getBody());
        assertEquals("NOT_FOUND", body.get("code").asText());
        assertEquals("The app has no file by that name; open the app's page instead.", body.get("message").asText());
        assertEquals(2, body.size());
    }

    @Test
    void theSignInSettingsCarryTheStagesClientIdAndTheCognitoDomain() throws Exception {
        AppSettings cognito = AppSettings.from(Map.of("SIGN_IN", "cognito",
                "COGNITO_DOMAIN_URL", "https://flow-config-x.auth.us-east-1.amazoncognito.com")::get);
        AdminAppHandler handler = handler(cognito);

        APIGatewayProxyResponseEvent config = handler.handleRequest(RepoFiles.event("events/admin-app/config.json",
                APIGatewayProxyRequestEvent.class), new TestContext("AdminApp"));

        assertEquals(200, config.getStatusCode());
        assertEquals("no-cache", config.getHeaders().get("Cache-Control"));
        assertEquals(JSON.readTree("{\"signIn\":\"cognito\",\"cognitoDomain\":"
                + "\"https://flow-config-x.auth.us-east-1.amazoncognito.com\",\"clientId\":\"4example5client6id7\"}"),
                JSON.readTree(config.getBody()));
        String policy = config.getHeaders().get("Content-Security-Policy");
        assertTrue(policy.contains("connect-src 'self' https://flow-config-x.auth.us-east-1.amazoncognito.com"),
                policy);
    }

    @Test
    void theConnectInstanceMayFrameTheAppWhenConfigured() {
        AppSettings framed = AppSettings.from(Map.of("SIGN_IN", "local-login",
                "FRAME_ANCESTORS", "https://example.my.connect.aws")::get);

        String policy = handler(framed).handleRequest(RepoFiles.event("events/admin-app/page.json",
                APIGatewayProxyRequestEvent.class), new TestContext("AdminApp")).getHeaders()
                .get("Content-Security-Policy");

        assertTrue(policy.endsWith("frame-ancestors https://example.my.connect.aws"), policy);
    }

    @Test
    void anUnknownSignInModeIsRefusedAtStart() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> AppSettings.from(Map.of("SIGN_IN", "none")::get));

        assertEquals("SIGN_IN must be cognito or local-login, not none", refused.getMessage());
    }

    private static String extractImportMap(String page) {
        Matcher matcher = IMPORT_MAP.matcher(page);
        assertTrue(matcher.find(), page);
        return matcher.group(1);
    }
}
