package dev.connectconfig.adminapp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.connectconfig.engines.RepoFiles;
import dev.connectconfig.testing.TestContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.GZIPOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The events of {@code events/admin-app/} and the app's own files through the real handler. */
class AdminAppHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AppSettings LOCAL = new AppSettings("local-login", "", List.of());
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>");
    /** esbuild's imports between chunks: {@code from"./chunk-ABCD1234.js"} and {@code import("./ConfigPage-….js")}. */
    private static final Pattern RELATIVE_IMPORT = Pattern.compile("[\"'`]\\./([A-Za-z]+-[A-Za-z0-9]+\\.js)[\"'`]");

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

    @Test
    void thePageIsNeverCachedAndItsPolicyAllowsNoInlineCodeOrStyleAndNoEval() {
        APIGatewayProxyResponseEvent page = handler(LOCAL).handleRequest(RepoFiles.event("events/admin-app/page.json",
                APIGatewayProxyRequestEvent.class), new TestContext("AdminApp"));

        assertEquals(200, page.getStatusCode());
        assertEquals("text/html; charset=utf-8", page.getHeaders().get("Content-Type"));
        assertEquals("no-cache", page.getHeaders().get("Cache-Control"));
        String policy = page.getHeaders().get("Content-Security-Policy");
        assertFalse(policy.contains("unsafe-"), policy);
        assertTrue(policy.startsWith("default-src 'none'; "), policy);
        assertTrue(policy.contains("; script-src 'self'; "), policy);
        assertTrue(policy.contains("; style-src 'self'; "), policy);
        assertTrue(policy.contains("frame-ancestors 'none'"), policy);
        assertEquals("nosniff", page.getHeaders().get("X-Content-Type-Options"));
        String html = page.getBody();
        assertFalse(INLINE_SCRIPT.matcher(html).find(), "every script has a src: " + html);
        assertFalse(html.contains("<style") || html.contains(" style="), "no inline style: " + html);
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
    void everyFileOfTheBundleIsServedByItsHashedNameForAYearWithItsType() throws Exception {
        AdminAppHandler handler = handler(LOCAL);
        JsonNode bundle = bundle();

        assertTrue(bundle.get("hashed").size() >= 4, bundle.toString());
        for (JsonNode name : bundle.get("hashed")) {
            String file = name.asText();
            assertTrue(file.matches("[A-Za-z]+-[A-Za-z0-9]{8,12}\\.(js|css|svg)(\\.LEGAL\\.txt)?"), file);
            APIGatewayProxyResponseEvent answer = get(handler, file);
            assertEquals(200, answer.getStatusCode(), file);
            assertEquals("public, max-age=31536000, immutable", answer.getHeaders().get("Cache-Control"), file);
            String type = answer.getHeaders().get("Content-Type");
            assertEquals(file.endsWith(".txt") ? "text/plain; charset=utf-8" : file.endsWith(".js")
                    ? "text/javascript; charset=utf-8" : file.endsWith(".css") ? "text/css; charset=utf-8"
                    : "image/svg+xml", type, file);
        }
        APIGatewayProxyResponseEvent openApi = get(handler, "openapi.json");
        assertEquals(200, openApi.getStatusCode());
        assertEquals("no-cache", openApi.getHeaders().get("Cache-Control"), "a plain name is revalidated");
    }

    @Test
    void thePageLinksTheHashedEntryModuleStyleSheetAndFavicon() throws Exception {
        String page = get(handler(LOCAL), null).getBody();
        JsonNode bundle = bundle();

        assertTrue(page.contains("<script type=\"module\" src=\"app/" + bundle.get("main").asText() + "\">"), page);
        assertTrue(page.contains("<link rel=\"stylesheet\" href=\"app/" + bundle.get("css").asText() + "\">"), page);
        assertTrue(page.contains("<link rel=\"icon\" type=\"image/svg+xml\" href=\"app/"
                + bundle.get("favicon").asText() + "\">"), page);
        assertTrue(get(handler(LOCAL), bundle.get("favicon").asText()).getBody().startsWith("<svg"));
    }

    @Test
    void everyModuleTheBundleImportsIsAFileOfTheBundle() throws Exception {
        AdminAppHandler handler = handler(LOCAL);
        Set<String> hashed = new TreeSet<>();
        bundle().get("hashed").forEach(name -> hashed.add(name.asText()));

        int imports = 0;
        for (String module : hashed.stream().filter(name -> name.endsWith(".js")).toList()) {
            Matcher imported = RELATIVE_IMPORT.matcher(get(handler, module).getBody());
            while (imported.find()) {
                imports++;
                assertTrue(hashed.contains(imported.group(1)), module + " imports a missing " + imported.group(1));
            }
        }
        assertTrue(imports > 0, "the entry imports its shared chunks");
    }

    @Test
    void theFirstPageLoadIsAtMost700KbOfGzippedJsAndCss() throws Exception {
        JsonNode bundle = bundle();
        AdminAppHandler handler = handler(LOCAL);
        long gzipped = 0;
        List<String> files = new ArrayList<>();
        for (JsonNode name : bundle.get("firstLoad")) {
            files.add(name.asText());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
                gzip.write(get(handler, name.asText()).getBody().getBytes(StandardCharsets.UTF_8));
            }
            gzipped += out.size();
        }
        assertTrue(files.contains(bundle.get("main").asText()) && files.contains(bundle.get("css").asText()), files
                .toString());
        System.out.printf("BUNDLE admin console first page load: %d files, %d KB gzipped (JS and CSS)%n", files.size(),
                gzipped / 1024);
        assertTrue(gzipped <= 700 * 1024, "first page load " + gzipped / 1024 + " KB gzipped: over the 700 KB budget");
    }

    @Test
    void aBundleThatNamesAMissingFileIsRefusedAtStart() {
        Map<String, String> files = Map.of("index.html", "<html></html>", "bundle.json",
                "{\"hashed\": [\"main-ABCDEFGH.js\"]}");

        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new AppFiles(files, LOCAL));

        assertEquals("app/bundle.json names main-ABCDEFGH.js, which is not in app/", refused.getMessage());
        assertThrows(IllegalStateException.class, () -> new AppFiles(Map.of("main.js", ""), LOCAL),
                "no page: the console was not built");
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
                + "\"https://flow-config-x.auth.us-east-1.amazoncognito.com\",\"clientId\":\"4example5client6id7\","
                + "\"identityProvider\":\"\",\"readOnlyRegion\":\"\"}"), JSON.readTree(config.getBody()));
        String policy = config.getHeaders().get("Content-Security-Policy");
        assertTrue(policy.contains("connect-src 'self' https://flow-config-x.auth.us-east-1.amazoncognito.com"),
                policy);
    }

    @Test
    void theSettingsNameTheCompanyIdpAndThePrimaryRegionOfAReplica() throws Exception {
        AppSettings replica = AppSettings.from(Map.of("SIGN_IN", "cognito", "COGNITO_DOMAIN_URL",
                "https://x.auth.eu-west-1.amazoncognito.com", "IDENTITY_PROVIDER", "CorpAD",
                "PRIMARY_REGION", "us-east-1", "AWS_REGION", "eu-west-1")::get);

        JsonNode config = JSON.readTree(handler(replica).handleRequest(RepoFiles.event("events/admin-app/config.json",
                APIGatewayProxyRequestEvent.class), new TestContext("AdminApp")).getBody());

        assertEquals("CorpAD", config.get("identityProvider").asText());
        assertEquals("us-east-1", config.get("readOnlyRegion").asText());
        assertEquals("", AppSettings.readOnlyRegion("us-east-1", "us-east-1"), "the primary itself");
        assertEquals("", AppSettings.readOnlyRegion("", "eu-west-1"), "no primary named");
        assertEquals("", AppSettings.readOnlyRegion(null, "eu-west-1"), "no primary named");
        assertEquals("us-east-1", AppSettings.readOnlyRegion(" us-east-1 ", null));
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

    private static JsonNode bundle() throws Exception {
        return JSON.readTree(RepoFiles.path("functions/admin-app/target/classes/app/bundle.json").toFile());
    }
}
