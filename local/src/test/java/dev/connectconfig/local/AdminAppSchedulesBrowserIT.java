package dev.connectconfig.local;

import static dev.connectconfig.local.AdminAppRunner.checkScreen;
import static dev.connectconfig.local.AdminAppRunner.open;
import static dev.connectconfig.local.AdminAppRunner.text;
import static dev.connectconfig.local.AdminAppRunner.waitForStatus;
import static dev.connectconfig.local.AdminAppRunner.waiting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.engines.RepoFiles;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * Scheduled changes in the admin app, in Debian's Chromium against the offline runner: a holiday closure made in the
 * schedules editor, its timeline and a preview inside it; a config with every kind of schedule saved unchanged when
 * only a variable changes; the API's error at the schedule field it names; the emergency switch by prefix and by
 * ticks, with the configs a user may not edit named. axe-core's rules on every new screen; screenshots in
 * {@code target/admin-app-screens/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminAppSchedulesBrowserIT extends BrowserTestsOnTheRunner {

    /** Next year's holidays: the timeline and preview below name their moments, so the test never depends on today. */
    private static final int YEAR = LocalDate.now(ZoneOffset.UTC).getYear() + 1;
    private static final List<String> BRANCHES = List.of("branch-north", "branch-south", "branch-west");

    @TempDir
    static Path work;
    private static String admin;

    @BeforeAll
    static void startTheRunnerWithConfigsToSchedule(AdminAppRunner shared) throws Exception {
        app = shared;
        admin = app.token("ana", "Full", "*");
        create(config("holiday-line", "closed").put("timeZone", "America/New_York"));
        for (String id : BRANCHES) {
            create(config(id, "Closed"));
        }
        JsonNode event = LocalJson.MAPPER.readTree(Files.readString(
                RepoFiles.path("events/flow-config/create-with-schedules.json")));
        create((ObjectNode) LocalJson.MAPPER.readTree(event.get("body").asText()));
    }

    @Test
    @Order(1)
    void aBusinessUserMakesAHolidayClosureThatTheTimelineAndAPreviewInsideItShow() throws Exception {
        WebDriver holly = app.signedIn("holly", "Edit", "holiday-*");
        open(holly, "holiday-line");
        holly.findElement(By.id("add-schedule")).click();
        type(holly, "schedule-0-name", "christmas");
        type(holly, "schedule-0-description", "Closed for Christmas");
        type(holly, "schedule-0-new-dates", YEAR + "-12-24, " + YEAR + "-12-25");
        setValue(holly, "schedule-0-new-dates-start", "08:00");
        setValue(holly, "schedule-0-new-dates-end", "20:00");
        holly.findElement(By.name("schedule-0-add-dates")).click();
        new Select(holly.findElement(By.name("schedule-0-add-variable"))).selectByValue("closed");
        holly.findElement(By.name("schedule-0-set-variable")).click();
        holly.findElement(By.name("schedule-0-var-closed")).click();
        new Select(holly.findElement(By.name("schedule-0-add-prompt"))).selectByValue("Greeting|en-US");
        holly.findElement(By.name("schedule-0-set-prompt")).click();
        type(holly, "schedule-0-voice-Greeting-en-US", "We are closed for Christmas.");
        scrollTo(holly, "fieldset.schedule");
        checkScreen(holly, "schedules-holiday");
        holly.findElement(By.id("save")).click();
        waitForStatus(holly, "Saved 'holiday-line': now version 2.");

        JsonNode expected = LocalJson.MAPPER.readTree("""
                [{"name": "christmas", "description": "Closed for Christmas",
                  "when": {"dates": [{"date": "%1$d-12-24", "start": "08:00", "end": "20:00"},
                                     {"date": "%1$d-12-25", "start": "08:00", "end": "20:00"}]},
                  "set": {"variables": {"closed": "true"},
                          "prompts": {"Greeting": {"en-US": {"voice": "We are closed for Christmas."}}}}}]
                """.formatted(YEAR));
        assertEquals(expected, app.apiGet("flow-configs/holiday-line", admin).get("schedules"));
        JsonNode timeline = app.apiGet("flow-configs/holiday-line/timeline?from=" + YEAR + "-12-20T05:00:00Z&days=10",
                admin).get("entries");
        assertEquals(2, timeline.size(), timeline.toString());
        assertEquals(YEAR + "-12-24T08:00-05:00", timeline.get(0).get("localStart").asText());
        assertEquals(YEAR + "-12-25T20:00-05:00", timeline.get(1).get("localEnd").asText());

        holly.findElement(By.linkText("Timeline")).click();
        waiting(holly).until(ExpectedConditions.presenceOfElementLocated(By.name("timeline-from")));
        setValue(holly, "timeline-from", YEAR + "-12-20T00:00");
        WebElement days = holly.findElement(By.name("timeline-days"));
        days.clear();
        days.sendKeys("10");
        holly.findElement(By.id("show-timeline")).click();
        waiting(holly).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#timeline li"), 2));
        checkScreen(holly, "schedules-timeline");
        List<String> entries = holly.findElements(By.cssSelector("#timeline li")).stream().map(WebElement::getText)
                .toList();
        assertEquals("Closed for Christmas: Dec 24 08:00 → Dec 24 20:00 (America/New_York) — schedule christmas",
                entries.get(0));
        assertEquals("Closed for Christmas: Dec 25 08:00 → Dec 25 20:00 (America/New_York) — schedule christmas",
                entries.get(1));

        holly.findElement(By.linkText("← holiday-line")).click();
        waiting(holly).until(ExpectedConditions.presenceOfElementLocated(By.name("preview-at")));
        setValue(holly, "preview-at", YEAR + "-12-24T12:00");
        holly.findElement(By.id("preview")).click();
        waiting(holly).until(ExpectedConditions.presenceOfElementLocated(By.id("active-schedules")));
        checkScreen(holly, "schedules-preview-at");
        assertEquals("Active schedules at " + YEAR + "-12-24T17:00:00Z: christmas.", text(holly, "#active-schedules"));
        assertTrue(text(holly, "#preview-result").contains("We are closed for Christmas."));

        JsonNode inside = preview("holiday-line", YEAR + "-12-24T17:00:00Z");
        assertEquals("christmas", inside.get("activeSchedules").asText());
        assertEquals("true", inside.get("closed").asText());
        assertEquals("", preview("holiday-line", YEAR + "-12-25T02:00:00Z").get("activeSchedules")
                .asText(), "21:00 on Dec 24 in New York is after the closure's 20:00");
    }

    @Test
    @Order(2)
    void aConfigWithEveryKindOfScheduleIsSavedWithItsSchedulesUnchangedWhenOnlyAVariableChanges() throws Exception {
        JsonNode before = app.apiGet("flow-configs/sales-support", admin);
        assertEquals(3, before.get("schedules").size());
        WebDriver sam = app.signedIn("sam", "Edit", "sales-*");
        open(sam, "sales-support");
        assertEquals(3, sam.findElements(By.cssSelector("fieldset.schedule")).size());
        checkScreen(sam, "schedules-every-kind");
        assertTrue(text(sam, "#schedules").contains("Crosses midnight"), "the weekly 18:00–08:00 schedule says so");

        sam.findElement(By.name("var-Open")).click();
        sam.findElement(By.id("save")).click();
        waitForStatus(sam, "Saved 'sales-support': now version 2.");

        JsonNode after = app.apiGet("flow-configs/sales-support", admin);
        assertEquals("false", after.get("variables").get("Open").asText());
        assertEquals(before.get("schedules"), after.get("schedules"));
        assertEquals(before.get("timeZone"), after.get("timeZone"));

        WebDriver reader = app.signedIn("rita", "Read", "*");
        open(reader, "sales-support");
        assertEquals(List.of("christmas", "publicHolidays", "afterHours"), reader.findElements(
                By.cssSelector("#schedules li strong")).stream().map(WebElement::getText).toList());
        assertTrue(text(reader, "#schedules").contains("Every MON, TUE, WED, THU, FRI from 18:00 to 08:00 the next day"),
                text(reader, "#schedules"));
        assertTrue(reader.findElements(By.cssSelector("#add-schedule, input[name^='schedule-']")).isEmpty(),
                "a reader is offered no schedule control");
    }

    @Test
    @Order(3)
    void aWindowThatEndsBeforeItStartsShowsTheServersErrorAtItsFieldAndStoresNothing() throws Exception {
        JsonNode before = app.apiGet("flow-configs/holiday-line", admin);
        WebDriver holly = app.signedIn("holly", "Edit", "holiday-*");
        open(holly, "holiday-line");
        holly.findElement(By.id("add-schedule")).click();
        new Select(holly.findElement(By.name("schedule-1-kind"))).selectByValue("window");
        type(holly, "schedule-1-name", "storm");
        setValue(holly, "schedule-1-from", YEAR + "-12-26T08:00");
        setValue(holly, "schedule-1-to", YEAR + "-12-24T17:00");
        new Select(holly.findElement(By.name("schedule-1-add-variable"))).selectByValue("closed");
        holly.findElement(By.name("schedule-1-set-variable")).click();
        holly.findElement(By.id("save")).click();

        WebElement error = waiting(holly).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".field-error.from-api")));
        WebElement to = holly.findElement(By.name("schedule-1-to"));
        assertEquals("true", to.getAttribute("aria-invalid"));
        assertEquals("schedules[1].when.to", to.getAttribute("data-field"));
        assertTrue(to.getAttribute("aria-describedby").contains(error.getAttribute("id")),
                "the message is tied to the field it is about");
        assertEquals("must be after from (" + YEAR + "-12-26T08:00)", error.getText());
        assertTrue(text(holly, "#status").startsWith("Not saved:"));
        checkScreen(holly, "schedules-error");
        assertEquals(before, app.apiGet("flow-configs/holiday-line", admin), "nothing was stored");
    }

    @Test
    @Order(4)
    void anEmergencyByPrefixNamesHowManyConfigsChangeChangesThemAndEndsFromTheApp() throws Exception {
        WebDriver erin = app.signedIn("erin", "Edit", "branch-*");
        erin.findElement(By.name("emergency-prefix")).sendKeys("branch-");
        type(erin, "emergency-variable-1", "Closed");
        type(erin, "emergency-value-1", "true");
        erin.findElement(By.xpath("//button[text()='Add a prompt text']")).click();
        type(erin, "emergency-prompt-1", "Greeting");
        type(erin, "emergency-language-1", "en-US");
        type(erin, "emergency-voice-1", "We are closed because of a storm.");
        type(erin, "emergency-description", "Storm");
        scrollTo(erin, "#emergency");
        checkScreen(erin, "emergency-switch");

        erin.findElement(By.id("emergency-start")).click();
        WebElement dialog = waiting(erin).until(ExpectedConditions.visibilityOfElementLocated(By.id("emergency-dialog")));
        // The count is the server's dry run's: the title says it once the answer is in.
        waiting(erin).until(ExpectedConditions.textToBe(By.id("emergency-dialog-h"), "Start an emergency on 3 config(s)?"));
        assertEquals("Start an emergency on 3 config(s)?", dialog.findElement(By.tagName("h2")).getText());
        assertTrue(dialog.getText().contains("3 config(s) whose id starts with 'branch-'"), dialog.getText());
        checkScreen(erin, "emergency-confirm");
        for (String id : BRANCHES) {
            assertTrue(schedules(id).isEmpty(), "nothing is sent before the confirmation");
        }
        erin.findElement(By.id("emergency-confirm")).click();
        waiting(erin).until(ExpectedConditions.textToBe(By.id("emergency-summary"), "3 changed, 0 unchanged, 0 refused."));
        checkScreen(erin, "emergency-result");
        for (String id : BRANCHES) {
            JsonNode emergency = schedules(id).get(0);
            assertEquals("emergency", emergency.get("name").asText());
            assertEquals("Storm", emergency.get("description").asText());
            assertEquals("true", emergency.get("set").get("variables").get("Closed").asText());
            assertEquals("emergency", preview(id, null).get("activeSchedules").asText());
        }

        erin.findElement(By.id("emergency-end")).click();
        dialog = waiting(erin).until(ExpectedConditions.visibilityOfElementLocated(By.id("emergency-dialog")));
        waiting(erin).until(ExpectedConditions.textToBe(By.id("emergency-dialog-h"), "End the emergency on 3 config(s)?"));
        assertEquals("End the emergency on 3 config(s)?", dialog.findElement(By.tagName("h2")).getText());
        checkScreen(erin, "emergency-end-confirm");
        erin.findElement(By.id("emergency-confirm")).click();
        waiting(erin).until(ExpectedConditions.textToBe(By.cssSelector("#emergency-result h3"), "Emergency ended"));
        assertEquals("3 changed, 0 unchanged, 0 refused.", text(erin, "#emergency-summary"));
        for (String id : BRANCHES) {
            assertTrue(schedules(id).isEmpty(), id + " is back without an emergency schedule");
            assertEquals("false", app.apiGet("flow-configs/" + id, admin).get("variables").get("Closed").asText());
        }
    }

    @Test
    @Order(5)
    void aUserWhoMayEditOnlySomeOfTheTickedConfigsSeesTheRefusedOnesNamed() throws Exception {
        ObjectNode login = LocalJson.MAPPER.createObjectNode().put("username", "nora").put("level", "Edit");
        login.putArray("scopes").add("branch-north");
        login.putArray("groups").add("FlowConfigRead");
        WebDriver nora = app.signedInWith(app.token(login));
        for (String id : BRANCHES) {
            nora.findElement(By.name("select-" + id)).click();
        }
        type(nora, "emergency-variable-1", "Closed");
        type(nora, "emergency-value-1", "true");
        nora.findElement(By.id("emergency-start")).click();
        WebElement dialog = waiting(nora).until(ExpectedConditions.visibilityOfElementLocated(By.id("emergency-dialog")));
        assertTrue(dialog.getText().contains("3 ticked config(s): branch-north, branch-south, branch-west"),
                dialog.getText());
        waiting(nora).until(ExpectedConditions.elementToBeClickable(By.id("emergency-confirm")));
        assertEquals("Start an emergency on 1 config(s)?", text(nora, "#emergency-dialog-h"));
        assertEquals(List.of("branch-north"), nora.findElements(By.cssSelector("#emergency-would-change li")).stream()
                .map(WebElement::getText).toList());
        assertEquals(2, nora.findElements(By.cssSelector("#emergency-would-refuse li")).size());
        nora.findElement(By.id("emergency-confirm")).click();
        waiting(nora).until(ExpectedConditions.textToBe(By.id("emergency-summary"), "1 changed, 0 unchanged, 2 refused."));
        checkScreen(nora, "emergency-refused");
        List<String> refused = nora.findElements(By.cssSelector("#emergency-refused li")).stream()
                .map(WebElement::getText).toList();
        assertEquals(List.of(
                "branch-south: You may read this config but not change its values. (FORBIDDEN)",
                "branch-west: You may read this config but not change its values. (FORBIDDEN)"), refused);
        assertEquals("emergency", schedules("branch-north").get(0).get("name").asText());
        assertTrue(schedules("branch-south").isEmpty());
        assertTrue(schedules("branch-west").isEmpty());

        nora.get(app.api() + "/app#/configs/branch-north/timeline");
        WebElement entry = waiting(nora).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline li")));
        assertTrue(entry.getText().matches("Emergency switch: [A-Z][a-z]{2} \\d{1,2} \\d{2}:\\d{2} → open-ended \\(no end"
                + " set\\) \\(UTC\\) — schedule emergency"), entry.getText());
    }

    @Test
    @Order(6)
    void twoEditorsMeetingA412LoseNoScheduleWhenTheSecondReappliesHerChanges() throws Exception {
        JsonNode before = app.apiGet("flow-configs/sales-support", admin);
        long version = before.get("version").asLong();
        WebDriver first = app.signedIn("sam", "Edit", "sales-*");
        WebDriver second = app.signedIn("sue", "Edit", "sales-*");
        open(first, "sales-support");
        open(second, "sales-support");
        first.findElement(By.name("var-Open")).click();
        first.findElement(By.id("save")).click();
        waitForStatus(first, "Saved 'sales-support': now version " + (version + 1) + ".");

        type(second, "schedule-2-description", "Weeknights after six");
        second.findElement(By.id("save")).click();
        waiting(second).until(ExpectedConditions.visibilityOfElementLocated(By.id("conflict")));
        assertTrue(text(second, "#conflict").contains("schedules › afterHours"), text(second, "#conflict"));
        second.findElement(By.id("reapply")).click();
        second.findElement(By.id("save")).click();
        waitForStatus(second, "Saved 'sales-support': now version " + (version + 2) + ".");

        JsonNode after = app.apiGet("flow-configs/sales-support", admin);
        assertEquals(before.get("variables").get("Open").asText().equals("true") ? "false" : "true",
                after.get("variables").get("Open").asText(), "the first editor's change is kept");
        ObjectNode expected = (ObjectNode) before.get("schedules").get(2).deepCopy();
        expected.put("description", "Weeknights after six");
        assertEquals(List.of(before.get("schedules").get(0), before.get("schedules").get(1), expected),
                List.of(after.get("schedules").get(0), after.get("schedules").get(1), after.get("schedules").get(2)));
        assertEquals(3, after.get("schedules").size());
        assertEquals(before.get("timeZone"), after.get("timeZone"));
    }

    // ---- helpers ----

    @Test
    @Order(7)
    void anEmergencyOverMoreConfigsThanTheListHasLoadedNamesTheServersCountAndWaitsForIt() throws Exception {
        // 130 configs match; the list loads 100 a page, so counting the loaded rows would say 100 (or fewer).
        ObjectNode document = LocalJson.MAPPER.createObjectNode();
        var configs = document.putArray("flowConfigs");
        for (int i = 0; i < 130; i++) {
            configs.add(config(String.format("storm-%03d", i), "Closed"));
        }
        HttpResponse<String> imported = app.send("POST", "flow-configs/import", admin, document.toString(), null);
        assertEquals(200, imported.statusCode(), imported.body());
        WebDriver sam = app.signedIn("sam", "Edit", "storm-*");
        waiting(sam).until(ExpectedConditions.presenceOfElementLocated(By.name("select-storm-000")));
        assertTrue(sam.findElements(By.name("select-storm-120")).isEmpty(), "the list has not loaded every match");
        sam.findElement(By.name("emergency-prefix")).sendKeys("storm-");
        type(sam, "emergency-variable-1", "Closed");
        type(sam, "emergency-value-1", "true");

        sam.findElement(By.id("emergency-start")).click();
        waiting(sam).until(ExpectedConditions.visibilityOfElementLocated(By.id("emergency-dialog")));
        waiting(sam).until(ExpectedConditions.textToBe(By.id("emergency-dialog-h"), "Start an emergency on 130 config(s)?"));
        assertTrue(sam.findElement(By.id("emergency-confirm")).isEnabled());
        assertTrue(text(sam, "#emergency-plan-summary").startsWith(
                "This changes 130 config(s) whose id starts with 'storm-'"), text(sam, "#emergency-plan-summary"));
        assertEquals(130, sam.findElements(By.cssSelector("#emergency-would-change li")).size());
        checkScreen(sam, "emergency-confirm-dry-run");
        assertEquals(1, app.apiGet("flow-configs/storm-129", admin).get("version").asInt(), "the dry run wrote nothing");

        sam.findElement(By.id("emergency-confirm")).click();
        waiting(sam).until(ExpectedConditions.textToBe(By.id("emergency-summary"), "130 changed, 0 unchanged, 0 refused."));
        assertEquals("emergency", schedules("storm-129").get(0).get("name").asText());
    }

    private static ObjectNode config(String id, String booleanVariable) {
        ObjectNode config = LocalJson.MAPPER.createObjectNode().put("id", id)
                .put("description", "A line to schedule").put("defaultLanguage", "en-US");
        config.putObject("variables").put(booleanVariable, "false").put("Queue", "main");
        ObjectNode schema = config.putObject("schema");
        schema.putObject(booleanVariable).put("type", "boolean");
        schema.putObject("Queue").put("type", "text");
        config.putObject("prompts").putObject("Greeting").putObject("en-US").put("voice", "Thanks for calling.");
        return config;
    }

    private static void create(ObjectNode config) throws Exception {
        HttpResponse<String> created = app.send("PUT", "flow-configs/" + config.get("id").asText(), admin,
                config.toString(), "*");
        assertEquals(201, created.statusCode(), created.body());
    }

    private static JsonNode schedules(String id) throws Exception {
        JsonNode schedules = app.apiGet("flow-configs/" + id, admin).get("schedules");
        return schedules == null ? LocalJson.MAPPER.createArrayNode() : schedules;
    }

    /** GetConfig's result as the preview renders it, at an instant (or now). */
    private static JsonNode preview(String id, String at) throws Exception {
        ObjectNode body = LocalJson.MAPPER.createObjectNode().put("lang", "en-US").put("channel", "voice");
        if (at != null) {
            body.put("at", at);
        }
        HttpResponse<String> answer = app.send("POST", "flow-configs/" + id + "/preview", admin, body.toString());
        assertEquals(200, answer.statusCode(), answer.body());
        return LocalJson.MAPPER.readTree(answer.body()).get("result");
    }

    private static void type(WebDriver driver, String name, String text) {
        WebElement field = driver.findElement(By.name(name));
        field.clear();
        field.sendKeys(text);
    }

    /** The part of the page a screenshot is about, at the top of the window. */
    private static void scrollTo(WebDriver driver, String css) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView();",
                driver.findElement(By.cssSelector(css)));
    }

    /** Date and time inputs take their value as the browser's own picker sets it: the value, then an input event. */
    private static void setValue(WebDriver driver, String name, String value) {
        ((JavascriptExecutor) driver).executeScript("const field = arguments[0]; field.value = arguments[1];"
                + " field.dispatchEvent(new Event('input', { bubbles: true }));"
                + " field.dispatchEvent(new Event('change', { bubbles: true }));", driver.findElement(By.name(name)),
                value);
        assertEquals(value, driver.findElement(By.name(name)).getAttribute("value"));
    }
}
