package dev.connectconfig.local;

import static dev.connectconfig.local.AdminAppRunner.CONFIG_ROWS;
import static dev.connectconfig.local.AdminAppRunner.button;
import static dev.connectconfig.local.AdminAppRunner.buttonNamed;
import static dev.connectconfig.local.AdminAppRunner.checkScreen;
import static dev.connectconfig.local.AdminAppRunner.signIn;
import static dev.connectconfig.local.AdminAppRunner.type;
import static dev.connectconfig.local.AdminAppRunner.waitForStatus;
import static dev.connectconfig.local.AdminAppRunner.waiting;
import static dev.connectconfig.local.AdminAppRunner.xpathText;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.core.json.FlowConfigJson;
import dev.connectconfig.core.model.FlowConfig;
import dev.connectconfig.core.validation.Violation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The admin console (React on Cloudscape) in Debian's Chromium against the offline runner: sign-in, the configs
 * table, the emergency page, import and export, by role, label and text; axe-core's rules, no console error and no
 * failed request on every screen; screenshots under {@code local/target/admin-app-screens/}. The config page's own
 * scenarios are in {@code AdminAppConfigBrowserIT}. Skipped, saying how to install Chromium, where it is absent.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ResourceLock(BrowserTestsOnTheRunner.SECOND_RUNNER)
class AdminAppBrowserIT extends BrowserTestsOnTheRunner {

    private static AdminAppRunner app;

    /** Benchmark configs sort after the seeded ones, so other tests' first rows stay the same. */
    private static final String BENCH = "zz-bench-";
    private static final Pattern LOADED = Pattern.compile("\\((\\d+) loaded, more available\\)");

    @TempDir
    static Path work;
    private static String api;

    @BeforeAll
    static void startTheRunner(AdminAppRunner shared) {
        app = shared;
        api = app.api();
    }

    @Test
    @Order(1)
    void theRunnerPrintsTheAppsUrl() throws IOException {
        assertTrue(app.output().contains("Admin web app         " + api + "/app"), app.output());
    }

    @Test
    @Order(2)
    void aReaderSeesTheConfigsAndEveryWriteControlIsOffWithItsReason() throws Exception {
        WebDriver reader = app.browser();
        reader.get(api + "/app");
        waiting(reader).until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
        clean(reader, "sign-in");
        signIn(reader, "rita", "Read", "*");
        clean(reader, "list");

        assertTrue(configsTable(reader).getText().contains("main-queue"));
        assertOff(button(reader, "Create config"));
        assertTrue(reader.findElements(By.cssSelector("input[aria-label='Tick main-queue']")).isEmpty(),
                "a reader ticks nothing for an emergency");
        assertTrue(reader.findElement(By.tagName("body")).getText().contains("Signed in as rita"));

        follow(reader, "Emergency");
        waiting(reader).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                "This needs Edit access, which you do not have."));
        assertOff(button(reader, "Start emergency…"));
        clean(reader, "emergency-read");

        follow(reader, "Import and export");
        waiting(reader).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                "This needs Full access, which you do not have."));
        assertTrue(reader.findElements(By.cssSelector("input[type='file']")).isEmpty(), "no file to choose");
        clean(reader, "transfer-read");
    }

    @Test
    @Order(3)
    void theListSortsFiltersByPrefixOnTheServerAndIsAsItWasLeftWhenComingBackFromAConfig() throws Exception {
        WebDriver editor = app.signedIn("eddie", "Edit", "main-queue,sales-*");
        List<String> ascending = ids(editor);
        assertEquals(ascending.stream().sorted().toList(), ascending, "sorted by id at first");
        editor.findElement(By.xpath("//table[@aria-label='Configs']//th[.//*[normalize-space()='Id']]//*[@role="
                + "'button']")).sendKeys(Keys.ENTER);
        waiting(editor).until(driver -> !ids(driver).equals(ascending));
        assertEquals(ascending.reversed(), ids(editor), "sorted by id, descending");

        performance(editor, "performance.clearResourceTimings()");
        type(editor.findElement(By.cssSelector("input[aria-label='Find configs']")), "Id starts with ^ sales");
        editor.findElement(By.cssSelector("input[aria-label='Find configs']")).sendKeys(Keys.ENTER);
        waiting(editor).until(driver -> ids(driver).contains("sales-emea")
                && ids(driver).stream().allMatch(id -> id.startsWith("sales")));
        assertEquals(List.of(api + "/flow-configs?prefix=sales&limit=25"), listRequests(editor),
                "the prefix is asked of the server, one small first page");
        editor.findElement(By.cssSelector("input[aria-label='Tick sales-emea']")).click();
        clean(editor, "list-filtered");

        editor.findElement(By.linkText("sales-emea")).click();
        waiting(editor).until(ExpectedConditions.textToBe(By.tagName("h1"), "sales-emea"));
        performance(editor, "performance.clearResourceTimings()");
        editor.findElement(By.xpath("//nav[@aria-label='Breadcrumbs']//a[normalize-space()='Flow configs']")).click();
        waiting(editor).until(ExpectedConditions.presenceOfElementLocated(CONFIG_ROWS));

        assertTrue(ids(editor).contains("sales-emea") && ids(editor).stream().allMatch(id -> id.startsWith("sales")),
                "the filter is kept: " + ids(editor));
        assertTrue(editor.findElement(By.cssSelector("input[aria-label='Tick sales-emea']")).isSelected(),
                "the tick is kept");
        assertTrue(editor.findElements(By.cssSelector("[aria-label='Remove filter prefix ^ sales']")).size() == 1);
        assertEquals(List.of(), listRequests(editor), "coming back asks the server nothing");
        assertTrue(button(editor, "Emergency for 1 ticked…").isEnabled());
        clean(editor, "list-after-config");
    }

    @Test
    @Order(4)
    void anImportDryRunShowsTheDiffAndWritesNothingUntilConfirmed() throws Exception {
        // Configs of its own: the other classes on this runner count the seeded configs' versions.
        List<String> target = putBench("zz-import-", 0, 1);
        String admin = app.token("ana", "Full", "*");
        ObjectNode stored = (ObjectNode) app.apiGet("flow-configs/zz-import-0000", admin);
        ((ObjectNode) stored.get("variables")).put("Closure", "true");
        ObjectNode created = LocalJson.MAPPER.createObjectNode().put("id", "zz-import-demo")
                .put("description", "Made by an import").put("defaultLanguage", "en-US");
        created.putObject("variables").put("Open", "true");
        created.putObject("prompts");
        ObjectNode document = LocalJson.MAPPER.createObjectNode();
        ArrayNode configs = document.putArray("flowConfigs");
        configs.add(stored).add(created);
        Path file = work.resolve("import.json");
        Files.writeString(file, document.toString());

        WebDriver browser = app.signedIn("ana", "Full", "*");
        follow(browser, "Import and export");
        waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[type='file']")))
                .sendKeys(file.toString());
        waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                "Nothing has been written yet."));
        waiting(browser).until(ExpectedConditions.presenceOfElementLocated(buttonNamed("Import these changes")));
        clean(browser, "import-dry-run");

        try {
            assertEquals("zz-import-demo", list(browser, "Would be created"));
            assertEquals("zz-import-0000", list(browser, "Would be updated"));
            String diff = browser.findElement(By.cssSelector("table[aria-label=\"'zz-import-0000' would change\"]"))
                    .getText().replaceAll("\\s+", " ");
            assertTrue(diff.contains("variables › Closure false true"), diff);
            assertEquals(404, app.apiStatus("flow-configs/zz-import-demo", admin), "a dry run writes nothing");
            assertEquals("false", app.apiGet("flow-configs/zz-import-0000", admin).get("variables").get("Closure")
                    .asText());

            button(browser, "Import these changes").click();
            waitForStatus(browser, "Imported: 1 created, 1 updated, 0 unchanged.");
            assertEquals(200, app.apiStatus("flow-configs/zz-import-demo", admin));
            JsonNode updated = app.apiGet("flow-configs/zz-import-0000", admin);
            assertTrue(list(browser, "Versions written").contains("zz-import-0000 is now version "
                    + updated.get("version").asLong()), list(browser, "Versions written"));
            assertEquals("true", updated.get("variables").get("Closure").asText());
            clean(browser, "import-done");
        } finally {
            app.deleteDirectly(List.of("zz-import-0000", "zz-import-demo"));
        }
    }

    @Test
    @Order(5)
    void aFullUserCreatesAConfigFromTheList() throws Exception {
        WebDriver admin = app.signedIn("ana", "Full", "*");
        button(admin, "Create config").click();
        WebElement id = waiting(admin).until(ExpectedConditions.visibilityOfElementLocated(By.name("new-id")));
        clean(admin, "create-config");
        button(admin, "Create").click();
        waiting(admin).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role='dialog']"),
                "Use 1 to 128 letters, digits and + _ - . : only."));

        id.sendKeys("zz-made-in-the-app");
        admin.findElement(By.name("new-description")).sendKeys("Created in a browser");
        button(admin, "Create").click();
        String token = app.token("ana", "Full", "*");
        try {
            waitForStatus(admin, "Created 'zz-made-in-the-app': version 1.");
            waiting(admin).until(ExpectedConditions.textToBe(By.tagName("h1"), "zz-made-in-the-app"));
            assertEquals("Created in a browser", app.apiGet("flow-configs/zz-made-in-the-app", token)
                    .get("description").asText());
        } finally {
            app.deleteThroughApi("zz-made-in-the-app", token);
        }
    }

    // ---- 300 configs: the first rows, and the emergency page while the list still loads ----

    @Test
    @Order(6)
    void with300ConfigsTheFirstRowsComeFromASmallFirstPageAndTheEmergencyCountIsTheServers() throws Exception {
        List<String> bench = putBench(0, 300);
        try {
            WebDriver browser = app.browser();
            browser.get(api + "/app");
            performance(browser, "sessionStorage.setItem('flow-config-app.id-token', arguments[0])",
                    app.token("ana", "Full", "*"));
            List<String> times = new ArrayList<>();
            String loadedOnTheirOwn = "";
            // Twice: the first load also starts what the runner has not yet (and fills the browser's cache).
            for (int load = 0; load < 2; load++) {
                browser.navigate().refresh();
                waiting(browser).until(ExpectedConditions.presenceOfElementLocated(CONFIG_ROWS));
                // The first page, then the next ones on their own up to 200 or more.
                loadedOnTheirOwn = waiting(browser).until(driver -> {
                    Matcher shown = LOADED.matcher(driver.findElement(By.tagName("h1")).getText());
                    return shown.find() && Integer.parseInt(shown.group(1)) >= 200 ? shown.group(1) : null;
                });
                times.add(String.format("%.0f ms", ((Number) performance(browser,
                        "return performance.getEntriesByName('configs-first-rows')[0].startTime")).doubleValue()));
            }
            assertTrue(Integer.parseInt(loadedOnTheirOwn) < 303, "more configs exist than are loaded");
            System.out.printf("BENCHMARK admin console first list render: 300+ configs, first rows %s after the page"
                    + " began loading (first load, then again; a first page of 25, then %s loaded on their own)%n",
                    String.join(" and ", times), loadedOnTheirOwn);
            clean(browser, "list-300");

            emergencyWhileTheListStillLoads(app.browser());
        } finally {
            app.deleteDirectly(bench);
        }
    }

    private void emergencyWhileTheListStillLoads(WebDriver browser) throws Exception {
        // Signed in on the emergency page's own address, so the list is first asked for there.
        browser.get(api + "/app#/emergency");
        waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.name("username"))).sendKeys("eddie");
        // Held in the page until the test lets them go: the list's pages, and the switch's dry runs.
        performance(browser, """
                const original = window.fetch.bind(window);
                const gate = () => { let open; const opened = new Promise(r => open = r); return { opened, open }; };
                const list = gate(), dryRun = gate();
                window.releaseList = list.open;
                window.releaseDryRun = dryRun.open;
                window.fetch = (input, init) => {
                  const url = String(input instanceof Request ? input.url : input);
                  const held = /\\/flow-configs\\?/.test(url) ? list : /dryRun=true/.test(url) ? dryRun : null;
                  return held ? held.opened.then(() => original(input, init)) : original(input, init);
                };""");
        browser.findElement(By.cssSelector("input[type='radio'][name='level'][value='Edit']")).click();
        type(browser.findElement(By.name("scopes")), BENCH + "*,main-queue");
        button(browser, "Sign in").click();
        WebElement byPrefix = waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                "input[type='radio'][value='prefix']")));
        // The table's loading line (its text: Cloudscape fades it in, so it may not count as shown yet).
        waiting(browser).until(driver -> (Boolean) performance(driver,
                "return document.querySelector('main').textContent.includes('Loading configs')"));
        assertEquals(List.of(), listRequests(browser), "no page of the list has arrived");
        byPrefix.click();
        type(field(browser, "Id prefix"), BENCH);
        browser.findElement(By.cssSelector("input[aria-label='Variable 1']")).sendKeys("Closure");
        browser.findElement(By.cssSelector("input[aria-label='Value 1']")).sendKeys("true");
        button(browser, "Start emergency…").click();

        WebElement start = waiting(browser).until(ExpectedConditions.presenceOfElementLocated(
                buttonNamed("Start the emergency (waiting for the server's count)")));
        assertOff(start);
        clean(browser, "emergency-waiting-for-count");
        performance(browser, "window.releaseDryRun()");
        waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role='dialog']"),
                "This changes 300 configs (the server's count); 0 already as asked, 0 refused."));
        assertTrue(button(browser, "Start the emergency on 300 configs").isEnabled());
        assertEquals(List.of(), listRequests(browser), "the count came while no page of the list had arrived");
        clean(browser, "emergency-confirmation");
        button(browser, "Cancel").click();

        performance(browser, "window.releaseList()");
        browser.findElement(By.cssSelector("input[type='radio'][value='ticked']")).click();
        WebElement counter = waiting(browser).until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//h3[contains(normalize-space(), 'more available')]")));
        assertTrue(counter.getText().matches("Configs \\(0 ticked of \\d+ loaded, more available\\)"), counter.getText());
        browser.findElement(By.cssSelector("input[aria-label='Tick " + BENCH + "0000']")).click();
        browser.findElement(By.cssSelector("input[aria-label='Tick " + BENCH + "0001']")).click();
        button(browser, "Start emergency…").click();
        waiting(browser).until(ExpectedConditions.elementToBeClickable(buttonNamed("Start the emergency on 2 configs")))
                .click();
        waitForStatus(browser, "Emergency started: 2 changed, 0 refused.");
        String admin = app.token("ana", "Full", "*");
        assertEquals("emergency", app.apiGet("flow-configs/" + BENCH + "0001", admin).get("schedules").get(0)
                .get("name").asText());
        clean(browser, "emergency-started");

        button(browser, "End emergency for these…").click();
        waiting(browser).until(ExpectedConditions.elementToBeClickable(buttonNamed("End the emergency on 2 configs")))
                .click();
        waitForStatus(browser, "Emergency ended: 2 changed, 0 refused.");
        JsonNode ended = app.apiGet("flow-configs/" + BENCH + "0001", admin);
        assertTrue(!ended.has("schedules") || ended.get("schedules").isEmpty(), ended.toString());
        clean(browser, "emergency-ended");
    }

    // ---- benchmark: a figure, not an assertion on time ----

    @Test
    @Order(7)
    void theListOf1000ConfigsIsPagedAsTheApiPagesWithNoRequestPerRow() throws Exception {
        List<String> bench = putBench(0, 1000);
        try {
            WebDriver browser = app.signedIn("ana", "Full", "*");
            performance(browser, "performance.clearResourceTimings()");
            long start = System.nanoTime();
            type(browser.findElement(By.cssSelector("input[aria-label='Find configs']")), "Id starts with ^ " + BENCH);
            browser.findElement(By.cssSelector("input[aria-label='Find configs']")).sendKeys(Keys.ENTER);
            int clicks = 0;
            for (;;) {
                String heading = waiting(browser).until(driver -> {
                    String text = driver.findElement(By.tagName("h1")).getText();
                    return text.matches("Configs \\((\\d+ loaded, more available|1000)\\)")
                            && driver.findElements(By.xpath("//button[normalize-space()='Load more' and "
                            + "@aria-disabled='true']")).isEmpty() ? text : null;
                });
                if (heading.equals("Configs (1000)")) {
                    break;
                }
                button(browser, "Load more").click();
                clicks++;
                waiting(browser).until(ExpectedConditions.not(ExpectedConditions.textToBe(By.tagName("h1"), heading)));
            }
            double millis = (System.nanoTime() - start) / 1e6;
            long rows = browser.findElements(By.cssSelector("table[aria-label='Configs'] tbody tr")).size();
            List<String> requests = listRequests(browser).stream().filter(url -> url.contains("prefix=" + BENCH))
                    .toList();
            assertEquals(1000, rows);
            assertEquals(1 + (1000 - 25 + 99) / 100, requests.size(), "a first page of 25, then pages of 100: "
                    + requests);
            // The same table as the axe-checked "list" screen, only longer: axe over 1000 rows took a minute.
            assertEquals(List.of(), AppBrowser.consoleProblems(browser), "list-1000");
            System.out.printf("BENCHMARK admin console list: 1000 configs in %d pages (25, then 100 each; %d 'Load"
                    + " more' clicks) fetched and rendered in %.0f ms, timed from the test%n", requests.size(), clicks,
                    millis);
        } finally {
            app.deleteDirectly(bench);
        }
    }

    @Test
    @Order(8)
    void aUserWhoseGroupsGrantNothingIsToldSoPlainly() throws Exception {
        ObjectNode login = LocalJson.MAPPER.createObjectNode().put("username", "nobody");
        login.putArray("groups");
        WebDriver browser = app.browser();
        browser.get(api + "/app");
        performance(browser, "sessionStorage.setItem('flow-config-app.id-token', arguments[0])", app.token(login));
        browser.navigate().refresh();

        WebElement message = waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//*[normalize-space()='No access to flow configs']")));
        assertTrue(browser.findElement(By.tagName("main")).getText().contains("You are signed in as nobody, but none"
                + " of your groups grants access to flow configs."), message.getText());
        assertTrue(browser.findElements(CONFIG_ROWS).isEmpty());
        clean(browser, "no-access");
        button(browser, "Sign out").click();
        waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
    }

    @Test
    @Order(9)
    void everyScreenFitsA1280x720ScreenAt200PercentZoomWithoutScrollingSideways() throws Exception {
        WebDriver admin = app.signedIn("ana", "Full", "*");
        // 200 % zoom of 1280×720 leaves the page 640×360 CSS pixels.
        admin.manage().window().setSize(new Dimension(640, 360));
        JavascriptExecutor js = (JavascriptExecutor) admin;
        String overflow = "return document.documentElement.scrollWidth - document.documentElement.clientWidth;";
        assertEquals(0L, js.executeScript(overflow), "the list");
        admin.get(api + "/app#/emergency");
        waiting(admin).until(ExpectedConditions.textToBe(By.tagName("h1"), "Emergency"));
        assertEquals(0L, js.executeScript(overflow), "the emergency page");
        checkScreen(admin, "emergency-at-200-percent");
        admin.get(api + "/app#/transfer");
        waiting(admin).until(ExpectedConditions.textToBe(By.tagName("h1"), "Import and export"));
        assertEquals(0L, js.executeScript(overflow), "import and export");
    }

    // ---- helpers ----

    /** axe's rules, a screenshot, and nothing wrong in the page's console or requests since the last look. */
    private static void clean(WebDriver driver, String screen) throws IOException {
        checkScreen(driver, screen);
        assertEquals(List.of(), AppBrowser.consoleProblems(driver), screen);
    }

    private static void assertOff(WebElement button) {
        assertTrue(!button.isEnabled() || "true".equals(button.getAttribute("aria-disabled")), button.getText());
    }

    private static void follow(WebDriver driver, String navigation) {
        driver.findElement(By.xpath("//nav[@aria-label='Side navigation']//a[normalize-space()=" + xpathText(navigation)
                + "]")).click();
    }

    private static WebElement configsTable(WebDriver driver) {
        return driver.findElement(By.cssSelector("table[aria-label='Configs']"));
    }

    private static List<String> ids(WebDriver driver) {
        return configsTable(driver).findElements(By.cssSelector("tbody a")).stream().map(WebElement::getText).toList();
    }

    /** The form field labelled {@code label} (Cloudscape's FormField: a label element naming its control). */
    private static WebElement field(WebDriver driver, String label) {
        String id = driver.findElement(By.xpath("//label[normalize-space()=" + xpathText(label) + "]"))
                .getAttribute("for");
        return driver.findElement(By.id(id));
    }

    private static String list(WebDriver driver, String label) {
        return driver.findElement(By.cssSelector("ul[aria-label='" + label + "']")).getText();
    }

    private static Object performance(WebDriver driver, String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    @SuppressWarnings("unchecked")
    private static List<String> listRequests(WebDriver driver) {
        return (List<String>) performance(driver, "return performance.getEntriesByType('resource')"
                + ".map(e => e.name).filter(name => name.includes('/flow-configs?'));");
    }

    private static List<String> putBench(int from, int count) {
        return putBench(BENCH, from, count);
    }

    /** {@code count} configs {@code <prefix>NNNN} from {@code from}, written straight into the table. */
    private static List<String> putBench(String prefix, int from, int count) {
        List<FlowConfig> bench = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            ObjectNode config = LocalJson.MAPPER.createObjectNode().put("id", String.format(prefix + "%04d", i))
                    .put("description", "Benchmark queue " + i).put("defaultLanguage", "en-US");
            config.putObject("variables").put("Closure", "false");
            config.putObject("prompts");
            List<Violation> problems = new ArrayList<>();
            bench.add(FlowConfigJson.fromJson(config, problems));
            assertEquals(List.of(), problems);
        }
        app.putDirectly(bench);
        return bench.stream().map(FlowConfig::id).toList();
    }
}
