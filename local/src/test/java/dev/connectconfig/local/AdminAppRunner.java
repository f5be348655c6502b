package dev.connectconfig.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.store.FlowConfigItems;
import dev.connectconfig.engines.DynamoDbLocal;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the admin app's browser tests share: the offline runner as its own process, the browsers a test opens (closed
 * after each test), the app's sign-in, and the REST API the tests check the app's effects through.
 */
final class AdminAppRunner implements ExtensionContext.Store.CloseableResource {

    static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final RunnerProcess runner;
    private final BrowserPool pool;
    private final List<WebDriver> browsers = new ArrayList<>();

    private AdminAppRunner(RunnerProcess runner, BrowserPool pool) {
        this.runner = runner;
        this.pool = pool;
    }

    /** Starts a runner with its own data folder in {@code work}, whose tests take their browsers from {@code pool}. */
    static AdminAppRunner start(Path work, BrowserPool pool) throws Exception {
        AdminAppRunner app = new AdminAppRunner(RunnerProcess.onFreePorts(work), pool);
        app.warm();
        return app;
    }

    /**
     * Asks once for what every browser test uses first (the page, a sign-in, a list), so the function JVMs behind
     * them have started before a test's 30 s waits begin: a cold start on a machine busy with the runner tests beside
     * it once took those 30 s. Bounded by the runner's start timeout, checked by status.
     */
    private void warm() throws Exception {
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(api() + "/app"))
                .timeout(RunnerProcess.START_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
        String token = token("warm-up", "Read", "*");
        HttpResponse<String> list = HTTP.send(HttpRequest.newBuilder(URI.create(api() + "/flow-configs?limit=1"))
                .header("Authorization", "Bearer " + token).timeout(RunnerProcess.START_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, list.statusCode(), list.body());
    }

    String api() {
        return runner.api();
    }

    String output() throws IOException {
        return runner.output();
    }

    /** A browser of the pool, as new: given back after the test ({@link #closeBrowsers()}). */
    WebDriver browser() throws IOException {
        WebDriver driver = pool.take();
        browsers.add(driver);
        return driver;
    }

    /** A fresh browser signed in at the app's local sign-in page. */
    WebDriver signedIn(String user, String level, String scopes) throws IOException {
        WebDriver driver = browser();
        driver.get(api() + "/app");
        signIn(driver, user, level, scopes);
        return driver;
    }

    /**
     * A fresh browser holding a token the sign-in page cannot make (Cognito groups and per-level scopes together), as
     * the deployed app keeps a Cognito ID token.
     */
    WebDriver signedInWith(String token) throws IOException {
        WebDriver driver = browser();
        driver.get(api() + "/app");
        ((JavascriptExecutor) driver).executeScript(
                "sessionStorage.setItem('flow-config-app.id-token', arguments[0]); window.location.reload();", token);
        waiting(driver).until(ExpectedConditions.presenceOfElementLocated(CONFIG_ROWS));
        return driver;
    }

    /** Gives the browsers this test took back to the pool. */
    void closeBrowsers() {
        browsers.forEach(pool::giveBack);
        browsers.clear();
    }

    /** Stops the runner once, after the JVM's last test (it lives in JUnit's root store). */
    @Override
    public void close() {
        closeBrowsers();
        runner.close();
    }

    static WebDriverWait waiting(WebDriver driver) {
        return new WebDriverWait(driver, WAIT);
    }

    static String text(WebDriver driver, String css) {
        return driver.findElement(By.cssSelector(css)).getText();
    }

    /** The first link of the configs table: the list has rows. */
    static final By CONFIG_ROWS = By.cssSelector("table[aria-label='Configs'] tbody a");

    /** The local sign-in page: user name, access level (a radio group) and scopes, then the list's first rows. */
    static void signIn(WebDriver driver, String user, String level, String scopes) {
        waiting(driver).until(ExpectedConditions.visibilityOfElementLocated(By.name("username"))).sendKeys(user);
        driver.findElement(By.cssSelector("input[type='radio'][name='level'][value='" + level + "']")).click();
        type(driver.findElement(By.name("scopes")), scopes);
        button(driver, "Sign in").click();
        waiting(driver).until(ExpectedConditions.presenceOfElementLocated(CONFIG_ROWS));
    }

    /** Replaces a field's text as a user would (select all, type), so React sees every change. */
    static void type(WebElement field, String text) {
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(text);
    }

    /** The button whose visible text is {@code text} (Cloudscape wraps it in a span). */
    static WebElement button(WebDriver driver, String text) {
        return driver.findElement(buttonNamed(text));
    }

    static By buttonNamed(String text) {
        // A disabled button's reason rides inside it, so its own label is matched (the span Cloudscape wraps it in).
        return By.xpath("//button[normalize-space()=" + xpathText(text) + " or ./span[normalize-space()="
                + xpathText(text) + "]]");
    }

    static String xpathText(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }

    static void open(WebDriver driver, String id) {
        driver.findElement(By.linkText(id)).click();
        waiting(driver).until(ExpectedConditions.textToBe(By.tagName("h1"), id));
    }

    /** A notification (Cloudscape's Flashbar) saying {@code text}. */
    static void waitForStatus(WebDriver driver, String text) {
        waiting(driver).until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//*[@aria-label='Notifications']//*[contains(normalize-space(), " + xpathText(text) + ")]")));
    }

    static void checkScreen(WebDriver driver, String name) throws IOException {
        AppBrowser.checkScreen(driver, name);
    }

    String token(String user, String level, String scopes) throws Exception {
        ObjectNode login = LocalJson.MAPPER.createObjectNode().put("username", user).put("level", level);
        ArrayNode list = login.putArray("scopes");
        for (String scope : scopes.split(",")) {
            list.add(scope);
        }
        return token(login);
    }

    /** A token for any login the runner accepts ({@code username}, {@code level}, {@code scopes}, {@code groups}). */
    String token(ObjectNode login) throws Exception {
        HttpResponse<String> answer = send("POST", "local-login", null, login.toString());
        assertEquals(200, answer.statusCode(), answer.body());
        return LocalJson.MAPPER.readTree(answer.body()).get("token").asText();
    }

    /** Creates a config through the API as the caller of {@code token}, as a new one (If-None-Match: *). */
    void createConfig(ObjectNode config, String token) throws Exception {
        HttpResponse<String> created = send("PUT", "flow-configs/" + config.get("id").asText(), token,
                config.toString(), "*");
        assertEquals(201, created.statusCode(), created.body());
    }

    HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        return send(method, path, token, body, null);
    }

    HttpResponse<String> send(String method, String path, String token, String body, String ifNoneMatch)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api() + "/" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Writes configs straight into the runner's DynamoDB Local table (BatchWriteItem, 25 a call), stored as the API
     * stores them at version 1: for data a test needs to exist, not an API call the test is about. Importing and later
     * deleting 1,000 configs through the API took over a minute of the browser tests' time.
     */
    void putDirectly(List<FlowConfig> configs) {
        batchWrite(configs.stream().map(config -> WriteRequest.builder().putRequest(p -> p.item(
                FlowConfigItems.toItem(config.withBookkeeping(1, Instant.now().toString(), "test-data")))).build())
                .toList());
    }

    /** Removes configs {@link #putDirectly} wrote, so the runner other classes share lists what it did before. */
    void deleteDirectly(List<String> ids) {
        batchWrite(ids.stream().map(id -> WriteRequest.builder().deleteRequest(d -> d.key(Map.of("id",
                AttributeValue.fromS(id)))).build()).toList());
    }

    private void batchWrite(List<WriteRequest> writes) {
        Matcher endpoint = Pattern.compile("DynamoDB Local\\s+(http://127\\.0\\.0\\.1:\\d+)").matcher(runner.output());
        assertTrue(endpoint.find(), "the runner names its DynamoDB Local: " + runner.output());
        try (DynamoDbClient dynamoDb = DynamoDbClient.builder().endpointOverride(URI.create(endpoint.group(1)))
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("local", "local"))).build()) {
            for (int from = 0; from < writes.size(); from += 25) {
                Map<String, List<WriteRequest>> batch = Map.of(DynamoDbLocal.FLOW_CONFIG_TABLE,
                        writes.subList(from, Math.min(writes.size(), from + 25)));
                while (!batch.isEmpty()) {
                    batch = dynamoDb.batchWriteItem(BatchWriteItemRequest.builder().requestItems(batch).build())
                            .unprocessedItems();
                }
            }
        }
    }

    /** Deletes a config through the API, as a user would (If-Match its current version), when it exists. */
    void deleteThroughApi(String id, String token) throws Exception {
        HttpResponse<String> current = send("GET", "flow-configs/" + id, token, null);
        if (current.statusCode() == 404) {
            return;
        }
        HttpResponse<String> deleted = HTTP.send(HttpRequest.newBuilder(URI.create(api() + "/flow-configs/" + id))
                .DELETE().header("Authorization", "Bearer " + token).header("If-Match", current.headers()
                        .firstValue("ETag").orElseThrow()).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(deleted.statusCode() / 100 == 2, deleted.body());
    }

    JsonNode apiGet(String path, String token) throws Exception {
        HttpResponse<String> answer = send("GET", path, token, null);
        assertEquals(200, answer.statusCode(), answer.body());
        return LocalJson.MAPPER.readTree(answer.body());
    }

    int apiStatus(String path, String token) throws Exception {
        return send("GET", path, token, null).statusCode();
    }
}
