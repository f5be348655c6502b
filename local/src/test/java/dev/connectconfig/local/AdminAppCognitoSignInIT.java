package dev.connectconfig.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The deployed sign-in, as far as it runs here: the app in Chromium against a runner started as a deployment with an
 * existing user pool ({@code AdminAppSignIn=cognito}), and a stand-in for Cognito's managed login endpoints
 * ({@code /oauth2/authorize}, {@code /oauth2/token}, {@code /logout}) that checks the authorization code flow with
 * PKCE exactly as Cognito does (S256 of the verifier equals the challenge, same client, code and redirect URI).
 */
@ExtendWith(SharedBrowserFixtures.class)
class AdminAppCognitoSignInIT {

    private static final String CLIENT_ID = "exampleclient";
    private static final String CODE = "a-one-time-code";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final By SIGN_IN = AdminAppRunner.buttonNamed("Sign in");

    @TempDir
    static Path work;
    private static RunnerProcess runner;
    private static HttpServer cognito;
    private static String idToken;
    private static final Map<String, String> AUTHORIZE = new ConcurrentHashMap<>();
    private static final Map<String, String> LOGOUT = new ConcurrentHashMap<>();
    private static final AtomicInteger TOKEN_REQUESTS = new AtomicInteger();
    private static final AtomicInteger TOKENS_ISSUED = new AtomicInteger();
    private static BrowserPool browsers;
    private WebDriver browser;

    @BeforeAll
    static void startCognitoAndTheRunner(BrowserPool shared) throws Exception {
        browsers = shared;
        cognito = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        cognito.createContext("/oauth2/authorize", AdminAppCognitoSignInIT::authorize);
        cognito.createContext("/oauth2/token", AdminAppCognitoSignInIT::token);
        cognito.createContext("/logout", AdminAppCognitoSignInIT::logout);
        cognito.start();
        runner = RunnerProcess.onFreePorts(work, "--parameter",
                "UserPoolArn=arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_Example",
                "--parameter", "AdminAppSignIn=cognito", "--parameter", "AdminAppCognitoDomainUrl=http://127.0.0.1:"
                        + cognito.getAddress().getPort(), "--parameter", "AdminAppClientId=" + CLIENT_ID);
        HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(runner.api()
                + "/local-login")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                "{\"username\": \"ana\", \"level\": \"Full\"}")).build(), HttpResponse.BodyHandlers.ofString());
        idToken = LocalJson.MAPPER.readTree(login.body()).get("token").asText();
        // The page once, so the admin app's JVM has started before a test's 30 s waits begin (see AdminAppRunner).
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(runner.api()
                + "/app")).timeout(RunnerProcess.START_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (runner != null) {
            runner.close();
        }
        if (cognito != null) {
            cognito.stop(0);
        }
    }

    @AfterEach
    void closeTheBrowser() {
        if (browser != null) {
            browsers.giveBack(browser);
        }
    }

    @Test
    void signsInWithTheAuthorizationCodeAndPkceSendsTheIdTokenAndSignsOut() throws Exception {
        browser = browsers.take();
        browser.get(runner.api() + "/app");
        wait(browser).until(ExpectedConditions.elementToBeClickable(SIGN_IN));
        AppBrowser.checkScreen(browser, "sign-in-cognito");

        browser.findElement(SIGN_IN).click();
        wait(browser).until(ExpectedConditions.presenceOfElementLocated(AdminAppRunner.CONFIG_ROWS));

        assertEquals("code", AUTHORIZE.get("response_type"));
        assertEquals(CLIENT_ID, AUTHORIZE.get("client_id"));
        assertEquals(runner.api() + "/app", AUTHORIZE.get("redirect_uri"));
        assertEquals("openid email profile", AUTHORIZE.get("scope"));
        assertEquals("S256", AUTHORIZE.get("code_challenge_method"));
        assertEquals(1, TOKENS_ISSUED.get(), "the code was exchanged once, with the verifier of its challenge");
        assertFalse(browser.getCurrentUrl().contains("code="), "the code leaves the address bar: "
                + browser.getCurrentUrl());
        assertEquals(idToken, ((JavascriptExecutor) browser).executeScript(
                "return sessionStorage.getItem('flow-config-app.id-token');"));
        assertFalse(AUTHORIZE.containsKey("identity_provider"), "no company IdP named: the user pool's own page");
        assertTrue(browser.findElement(By.tagName("body")).getText().contains("Signed in as ana"));
        assertTrue(browser.findElement(By.cssSelector("table[aria-label='Configs']")).getText().contains("main-queue"),
                "the API answered the ID token");
        assertEquals(List.of(), AppBrowser.consoleProblems(browser), "no console error, no failed request");

        browser.findElement(By.linkText("Sign out")).click();
        wait(browser).until(ExpectedConditions.elementToBeClickable(SIGN_IN));
        assertEquals(Map.of("client_id", CLIENT_ID, "logout_uri", runner.api() + "/app"), Map.copyOf(LOGOUT));
        assertNull(((JavascriptExecutor) browser).executeScript(
                "return sessionStorage.getItem('flow-config-app.id-token');"));
    }

    @Test
    void anAnswerThisTabDidNotAskForIsRefusedWithoutAskingForTokens() throws Exception {
        int before = TOKEN_REQUESTS.get();
        browser = browsers.take();

        browser.get(runner.api() + "/app?code=" + CODE + "&state=forged");

        wait(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"),
                "The sign-in answer did not match this browser tab. Sign in again."));
        assertEquals(before, TOKEN_REQUESTS.get());
        assertTrue(browser.findElements(AdminAppRunner.CONFIG_ROWS).isEmpty());
        assertTrue(browser.findElement(SIGN_IN).isEnabled(), "the user may sign in again");
    }

    private static WebDriverWait wait(WebDriver driver) {
        return new WebDriverWait(driver, WAIT);
    }

    private static void authorize(HttpExchange exchange) throws IOException {
        try (exchange) {
            AUTHORIZE.clear();
            AUTHORIZE.putAll(form(exchange.getRequestURI().getRawQuery()));
            exchange.getResponseHeaders().set("Location", AUTHORIZE.get("redirect_uri") + "?code=" + CODE
                    + "&state=" + AUTHORIZE.get("state"));
            exchange.sendResponseHeaders(302, -1);
        }
    }

    private static void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            TOKEN_REQUESTS.incrementAndGet();
            Map<String, String> request = form(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8));
            boolean valid = "authorization_code".equals(request.get("grant_type")) && CODE.equals(request.get("code"))
                    && CLIENT_ID.equals(request.get("client_id"))
                    && AUTHORIZE.get("redirect_uri").equals(request.get("redirect_uri"))
                    && AUTHORIZE.get("code_challenge").equals(s256(request.getOrDefault("code_verifier", "")));
            byte[] body = (valid ? "{\"id_token\":\"" + idToken + "\",\"access_token\":\"not-for-the-api\","
                    + "\"token_type\":\"Bearer\",\"expires_in\":3600}" : "{\"error\":\"invalid_grant\"}")
                    .getBytes(StandardCharsets.UTF_8);
            if (valid) {
                TOKENS_ISSUED.incrementAndGet();
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", runner.api());
            exchange.sendResponseHeaders(valid ? 200 : 400, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static void logout(HttpExchange exchange) throws IOException {
        try (exchange) {
            LOGOUT.clear();
            LOGOUT.putAll(form(exchange.getRequestURI().getRawQuery()));
            exchange.getResponseHeaders().set("Location", LOGOUT.get("logout_uri"));
            exchange.sendResponseHeaders(302, -1);
        }
    }

    private static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return fields;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            fields.put(URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8),
                    equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }
}
