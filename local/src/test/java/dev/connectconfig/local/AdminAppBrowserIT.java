package dev.connectconfig.local;

import static dev.connectconfig.local.AdminAppRunner.checkScreen;
import static dev.connectconfig.local.AdminAppRunner.open;
import static dev.connectconfig.local.AdminAppRunner.signIn;
import static dev.connectconfig.local.AdminAppRunner.text;
import static dev.connectconfig.local.AdminAppRunner.waitForStatus;
import static dev.connectconfig.local.AdminAppRunner.waiting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.validation.Violation;
import dev.connectconfig.engines.RepoFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The admin web app in Debian's Chromium against the offline runner (its own process, free ports, its own data
 * folder): the README's walk through the app, two editors meeting a 412, an import dry run, axe-core's rules on every
 * screen, and screenshots of each screen under {@code target/admin-app-screens/}. Skipped, saying how to install
 * Chromium, where it is absent.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminAppBrowserIT extends BrowserTestsOnTheRunner {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path work;
    private static String api;

    @BeforeAll
    static void startTheRunner(AdminAppRunner shared) throws Exception {
        app = shared;
        api = app.api();
    }

    // ---- the README's walk, through the app ----

    @Test
    @Order(1)
    void theRunnerPrintsTheAppsUrl() throws IOException {
        assertTrue(app.output().contains("Admin web app         " + api + "/app"), app.output());
    }

    @Test
    @Order(2)
    void aReaderSeesTheConfigsAndNoEditControls() throws Exception {
        WebDriver reader = app.browser();
        reader.get(api + "/app");
        waiting(reader).until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
        checkScreen(reader, "sign-in");
        signIn(reader, "rita", "Read", "*");
        checkScreen(reader, "list");
        assertTrue(text(reader, "#configs").contains("main-queue"));
        assertTrue(reader.findElements(By.xpath("//button[text()='New config']")).isEmpty());
        assertTrue(text(reader, "main").contains("Creating configs needs Full access."));

        open(reader, "main-queue");
        checkScreen(reader, "config-read");

        assertTrue(text(reader, "#access").startsWith("You have Read access"));
        assertEquals("false", text(reader, "[data-value='Closure']"));
        assertTrue(reader.findElements(By.cssSelector("#save, #delete, textarea, input[name^='var-']")).isEmpty(),
                "a reader is offered no edit control");
        assertTrue(reader.findElements(By.linkText("Import")).isEmpty());
    }

    @Test
    @Order(3)
    void anEditorFlipsClosureSavesAndGetConfigReturnsIt() throws Exception {
        assertEquals("false", getConfig().get("Closure").asText());
        WebDriver editor = app.signedIn("eddie", "Edit", "main-queue,sales-*");
        open(editor, "main-queue");
        checkScreen(editor, "config-edit");

        editor.findElement(By.name("var-Closure")).click();
        editor.findElement(By.id("save")).click();

        waitForStatus(editor, "Saved 'main-queue': now version 1.");
        assertTrue(text(editor, "#version-line").startsWith("Version 1, last changed by eddie"));
        assertEquals("true", getConfig().get("Closure").asText(), "GetConfig through Lambda's Invoke API");
    }

    @Test
    @Order(4)
    void anEditorIsNotOfferedStructuralChangesAndTheServerRefusesThem() throws Exception {
        WebDriver editor = app.signedIn("eddie", "Edit", "main-queue,sales-*");
        open(editor, "main-queue");

        assertTrue(editor.findElements(By.cssSelector("form[aria-label='Add a prompt'], form[aria-label^='Add a language'],"
                + " form[aria-label='Add a variable'], button.danger, #delete")).isEmpty());
        assertTrue(text(editor, "#access").contains("adding or removing variables, prompts and languages needs Full access"));
        // The app hides the control; the server stays the authority when the same token tries anyway.
        Object status = ((JavascriptExecutor) editor).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const token = sessionStorage.getItem('flow-config-app.id-token');
                fetch('flow-configs/main-queue', { headers: { Authorization: token } }).then(async r => {
                  const config = await r.json();
                  config.prompts.Goodbye = { 'en-US': { voice: 'Bye.' } };
                  const put = await fetch('flow-configs/main-queue', { method: 'PUT', body: JSON.stringify(config),
                    headers: { Authorization: token, 'Content-Type': 'application/json', 'If-Match': r.headers.get('ETag') } });
                  done(put.status);
                });""");
        assertEquals(403L, status);
    }

    @Test
    @Order(5)
    void anAdminAddsALanguagePreviewsAndPlaysItThenComparesAndRestores() throws Exception {
        WebDriver admin = app.signedIn("ana", "Full", "*");
        open(admin, "main-queue");
        checkScreen(admin, "config-full");
        String before = text(admin, "#version-line").split(",")[0];

        admin.findElement(By.name("new-language-HoldMessage")).sendKeys("es-US");
        admin.findElement(By.name("new-language-voice-HoldMessage")).sendKeys("Por favor, espere en la línea.");
        admin.findElement(By.cssSelector("form[aria-label='Add a language to HoldMessage'] button")).click();
        admin.findElement(By.id("save")).click();
        waitForStatus(admin, "Saved 'main-queue': now version 2.");
        assertEquals("Version 1", before);

        new Select(admin.findElement(By.name("preview-language"))).selectByValue("es-US");
        new Select(admin.findElement(By.name("preview-channel"))).selectByValue("voice");
        admin.findElement(By.id("preview")).click();
        waiting(admin).until(ExpectedConditions.presenceOfElementLocated(By.id("preview-size")));
        checkScreen(admin, "preview");
        assertTrue(text(admin, "#preview-result").contains("Por favor, espere en la línea."));
        assertEquals("No missing prompts.", text(admin, "#missing-prompts"));
        assertTrue(text(admin, "#preview-size").matches("[0-9,]+ bytes of Amazon Connect's 32,768-byte limit\\."),
                text(admin, "#preview-size"));

        admin.findElement(By.cssSelector("button[aria-label='Play HoldMessage in es-US']")).click();
        WebElement played = waiting(admin).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-language='es-US'] .player p.ok, [data-language='es-US'] .player p.problem")));
        if (SpeechEngine.find().isPresent()) {
            assertTrue(played.getText().startsWith("Voice Lupe"), played.getText());
            assertFalse(admin.findElements(By.cssSelector("[data-language='es-US'] .player audio")).isEmpty());
        } else {
            assertTrue(played.getText().startsWith("Amazon Polly is unreachable right now"), played.getText());
        }

        admin.findElement(By.linkText("History")).click();
        waiting(admin).until(ExpectedConditions.presenceOfElementLocated(By.id("versions")));
        new Select(admin.findElement(By.name("left-version"))).selectByValue("1");
        new Select(admin.findElement(By.name("right-version"))).selectByValue("2");
        admin.findElement(By.id("compare")).click();
        waiting(admin).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#diff table")));
        checkScreen(admin, "history-diff");
        String diff = text(admin, "#diff table").replaceAll("\\s+", " ");
        assertTrue(diff.contains("prompts › HoldMessage › es-US › voice (none) Por favor, espere en la línea."), diff);

        admin.findElement(By.cssSelector("button[aria-label='Restore version 1']")).click();
        waiting(admin).until(ExpectedConditions.alertIsPresent()).accept();
        waitForStatus(admin, "Restored version 1 of 'main-queue': now version 3.");
        JsonNode restored = app.apiGet("flow-configs/main-queue", app.token("ana", "Full", "*"));
        assertFalse(restored.get("prompts").get("HoldMessage").has("es-US"));
        assertEquals(3, restored.get("version").asInt());
    }

    @Test
    @Order(6)
    void theVoiceTextsSsmlIsCheckedAsYouTypeAndTheApisProblemsAppearAtTheirField() throws Exception {
        WebDriver admin = app.signedIn("ana", "Full", "*");
        open(admin, "sales-emea");
        WebElement voice = admin.findElements(By.cssSelector("textarea[name^='voice-']")).get(0);
        voice.clear();
        voice.sendKeys("<speak>Hello <break time=\"1s\"></speak>");
        assertTrue(admin.findElement(By.id(voice.getAttribute("aria-describedby").split(" ")[0])).getText()
                .startsWith("The SSML is not well-formed"));
        assertEquals("true", voice.getAttribute("aria-invalid"));

        admin.findElement(By.id("save")).click();
        WebElement atField = waiting(admin).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".field-error.from-api")));
        assertEquals(voice.getAttribute("data-field"), admin.findElement(By.cssSelector("[aria-invalid='true'][data-field]"))
                .getAttribute("data-field"));
        assertFalse(atField.getText().isBlank());
        assertTrue(text(admin, "#status").startsWith("Not saved:"));
        checkScreen(admin, "validation-error");
    }

    @Test
    @Order(7)
    void leavingWithUnsavedChangesAsksFirst() throws Exception {
        WebDriver editor = app.signedIn("eddie", "Edit", "main-queue,sales-*");
        open(editor, "main-queue");
        new Select(editor.findElement(By.name("var-RoutingMode"))).selectByValue("holiday");

        editor.findElement(By.linkText("← All configs")).click();
        assertTrue(waiting(editor).until(ExpectedConditions.alertIsPresent()).getText()
                .contains("unsaved changes to 'main-queue'"));
        editor.switchTo().alert().dismiss();
        assertEquals("holiday", new Select(editor.findElement(By.name("var-RoutingMode"))).getFirstSelectedOption()
                .getText());

        editor.findElement(By.linkText("← All configs")).click();
        waiting(editor).until(ExpectedConditions.alertIsPresent()).accept();
        waiting(editor).until(ExpectedConditions.presenceOfElementLocated(By.id("configs")));
    }

    // ---- safety: two editors ----

    @Test
    @Order(8)
    void twoSessionsEditTheSameConfigAndTheSecondSeesTheConflictAndLosesNothing() throws Exception {
        WebDriver first = app.browser();
        WebDriver second = app.browser();
        for (WebDriver browser : List.of(first, second)) {
            browser.get(api + "/app");
            signIn(browser, browser == first ? "eddie" : "erin", "Edit", "sales-*");
            open(browser, "sales-emea");
        }
        first.findElement(By.name("var-Closure")).click();
        first.findElement(By.id("save")).click();
        waitForStatus(first, "Saved 'sales-emea': now version 1.");

        WebElement text = second.findElement(By.name("chat-Greeting-en-GB"));
        text.clear();
        text.sendKeys("Second editor's chat text");
        second.findElement(By.id("save")).click();

        waiting(second).until(ExpectedConditions.visibilityOfElementLocated(By.id("conflict")));
        checkScreen(second, "conflict");
        String conflict = text(second, "#conflict").replaceAll("\\s+", " ");
        assertTrue(conflict.contains("Version 1 was saved by eddie while you were editing"), conflict);
        assertTrue(conflict.contains("variables › Closure false true"), "what changed is shown: " + conflict);
        assertTrue(conflict.contains("Second editor's chat text"), "the user's own edit is kept: " + conflict);
        assertEquals(1, app.apiGet("flow-configs/sales-emea", app.token("ana", "Full", "*")).get("version").asInt(),
                "nothing was overwritten");

        second.findElement(By.id("reapply")).click();
        second.findElement(By.id("save")).click();
        waitForStatus(second, "Saved 'sales-emea': now version 2.");
        JsonNode saved = app.apiGet("flow-configs/sales-emea", app.token("ana", "Full", "*"));
        assertEquals("true", saved.get("variables").get("Closure").asText(), "the first editor's change is kept");
        assertEquals("Second editor's chat text", saved.get("prompts").get("Greeting").get("en-GB").get("chat").asText());
    }

    // ---- import ----

    @Test
    @Order(9)
    void anImportDryRunShowsTheDiffAndWritesNothingUntilConfirmed() throws Exception {
        String admin = app.token("ana", "Full", "*");
        ObjectNode mainQueue = (ObjectNode) app.apiGet("flow-configs/main-queue", admin);
        ((ObjectNode) mainQueue.get("variables")).put("RoutingMode", "emergency");
        ObjectNode created = LocalJson.MAPPER.createObjectNode().put("id", "import-demo")
                .put("description", "Made by an import").put("defaultLanguage", "en-US");
        created.putObject("variables").put("Open", "true");
        created.putObject("prompts");
        ObjectNode document = LocalJson.MAPPER.createObjectNode();
        ArrayNode configs = document.putArray("flowConfigs");
        configs.add(mainQueue).add(created);
        Path file = work.resolve("import.json");
        Files.writeString(file, document.toString());

        WebDriver browser = app.signedIn("ana", "Full", "*");
        browser.findElement(By.linkText("Import")).click();
        // The import view renders after the click: wait for its field rather than assume it is there.
        waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.name("import-file")))
                .sendKeys(file.toString());
        waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("dry-run")));
        checkScreen(browser, "import-dry-run");

        assertEquals("import-demo", text(browser, "#would-create"));
        assertEquals("main-queue", text(browser, "#would-update"));
        assertTrue(text(browser, "#import-plan").contains("variables › RoutingMode"));
        assertEquals(404, app.apiStatus("flow-configs/import-demo", admin), "a dry run writes nothing");
        assertEquals("normal", app.apiGet("flow-configs/main-queue", admin).get("variables").get("RoutingMode").asText());

        browser.findElement(By.id("confirm-import")).click();
        waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.id("import-done")));
        assertEquals(200, app.apiStatus("flow-configs/import-demo", admin));
        long mainQueueVersion = app.apiGet("flow-configs/main-queue", admin).get("version").asLong();
        assertTrue(text(browser, "#import-versions").contains("main-queue is now version " + mainQueueVersion),
                text(browser, "#import-versions"));
        assertEquals("emergency", app.apiGet("flow-configs/main-queue", admin).get("variables").get("RoutingMode").asText());
    }

    @Test
    @Order(10)
    void aFullUserCreatesAConfigAndDeletesItAfterTypingItsId() throws Exception {
        WebDriver admin = app.signedIn("ana", "Full", "*");
        admin.findElement(By.xpath("//button[text()='New config']")).click();
        admin.findElement(By.name("new-id")).sendKeys("made-in-the-app");
        admin.findElement(By.name("new-description")).sendKeys("Created in a browser");
        admin.findElement(By.xpath("//button[text()='Create']")).click();
        waitForStatus(admin, "Created 'made-in-the-app': version 1.");
        waiting(admin).until(ExpectedConditions.textToBe(By.tagName("h1"), "made-in-the-app"));

        admin.findElement(By.id("delete")).click();
        WebElement confirm = admin.findElement(By.xpath("//dialog//button[text()='Delete made-in-the-app']"));
        checkScreen(admin, "delete-confirmation");
        assertFalse(confirm.isEnabled(), "delete waits for the id to be typed");
        admin.findElement(By.name("confirm-id")).sendKeys("made-in-the-app");
        confirm.click();
        waitForStatus(admin, "Deleted 'made-in-the-app'");
        assertEquals(404, app.apiStatus("flow-configs/made-in-the-app", app.token("ana", "Full", "*")));
    }

    // ---- benchmark: a figure, not an assertion on time ----

    @Test
    @Order(11)
    void theListOf1000ConfigsRendersPagedAsTheApiPagesWithNoRequestPerRow() throws Exception {
        List<FlowConfig> bench = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ObjectNode config = LocalJson.MAPPER.createObjectNode().put("id", String.format("bench-%04d", i))
                    .put("description", "Benchmark queue " + i).put("defaultLanguage", "en-US");
            config.putObject("variables").put("Closure", "false");
            config.putObject("prompts");
            List<Violation> problems = new ArrayList<>();
            bench.add(FlowConfigJson.fromJson(config, problems));
            assertEquals(List.of(), problems);
        }
        app.putDirectly(bench);
        WebDriver browser = app.signedIn("ana", "Full", "*");
        browser.findElement(By.name("prefix")).sendKeys("bench-");
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
        // Timed inside the browser (no WebDriver polling): search, then "Load more" as soon as each page is shown.
        List<?> measured = (List<?>) ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const count = document.getElementById('list-count');
                const more = document.getElementById('load-more');
                performance.clearResourceTimings();
                const start = performance.now();
                const observer = new MutationObserver(() => {
                  const shown = count.textContent;
                  if (shown.startsWith('Loading') || !shown.includes("starts with 'bench-'")) return;
                  if (!more.hidden) { more.click(); return; }
                  observer.disconnect();
                  const loaded = performance.now() - start;
                  const requests = performance.getEntriesByType('resource').filter(e => e.name.includes('/flow-configs?'));
                  // Rendering alone: the text filter redraws all 1,000 rows (layout forced by reading a size).
                  const filter = document.querySelector('input[name=filter]');
                  const before = performance.now();
                  filter.value = 'bench';
                  filter.dispatchEvent(new Event('input'));
                  void document.body.offsetHeight;
                  done([loaded, document.querySelectorAll('#configs tbody tr').length, requests.length,
                    performance.now() - before]);
                });
                observer.observe(count, { childList: true, characterData: true, subtree: true });
                document.querySelector('form[role=search] button[type=submit]').click();""");
        double millis = ((Number) measured.get(0)).doubleValue();
        long rows = ((Number) measured.get(1)).longValue();
        long requests = ((Number) measured.get(2)).longValue();
        assertEquals(1000, rows, requests + " list requests");
        assertEquals(10, requests, "one request per page of 100, none per row");
        checkScreen(browser, "list-1000");
        System.out.printf("BENCHMARK admin app list: 1000 configs in 10 pages of 100 fetched and rendered in %.0f ms"
                + " (%d list requests); all 1000 rows rendered again by the text filter in %.1f ms%n", millis, requests,
                ((Number) measured.get(3)).doubleValue());
        app.deleteDirectly(bench.stream().map(FlowConfig::id).toList());
    }

    @Test
    @Order(12)
    void everyScreenFitsA1280x720ScreenAt200PercentZoomWithoutScrollingSideways() throws Exception {
        WebDriver admin = app.signedIn("ana", "Full", "*");
        // 200 % zoom of 1280×720 leaves the page 640×360 CSS pixels.
        admin.manage().window().setSize(new Dimension(640, 360));
        JavascriptExecutor js = (JavascriptExecutor) admin;
        String overflow = "return document.documentElement.scrollWidth - document.documentElement.clientWidth;";
        assertEquals(0L, js.executeScript(overflow), "the list");
        admin.get(api + "/app#/configs/main-queue");
        waiting(admin).until(ExpectedConditions.textToBe(By.tagName("h1"), "main-queue"));
        assertEquals(0L, js.executeScript(overflow), "a config as a Full user sees it");
        admin.findElement(By.linkText("History")).click();
        waiting(admin).until(ExpectedConditions.presenceOfElementLocated(By.id("versions")));
        assertEquals(0L, js.executeScript(overflow), "the history");
        checkScreen(admin, "history-at-200-percent");
    }

    // ---- helpers ----

    private static JsonNode getConfig() throws Exception {
        HttpResponse<String> invoked = HTTP.send(HttpRequest.newBuilder(URI.create(api
                + "/2015-03-31/functions/GetConfigFunction/invocations")).POST(HttpRequest.BodyPublishers.ofFile(
                RepoFiles.path("events/get-config/voice-en-us.json"))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, invoked.statusCode(), invoked.body());
        return LocalJson.MAPPER.readTree(invoked.body());
    }
}
