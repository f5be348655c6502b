package dev.connectconfig.local;

import static dev.connectconfig.local.AdminAppRunner.checkScreen;
import static dev.connectconfig.local.AdminAppRunner.waiting;
import static dev.connectconfig.local.ConfigPageInBrowser.assertNoProblems;
import static dev.connectconfig.local.ConfigPageInBrowser.button;
import static dev.connectconfig.local.ConfigPageInBrowser.choose;
import static dev.connectconfig.local.ConfigPageInBrowser.click;
import static dev.connectconfig.local.ConfigPageInBrowser.errorOf;
import static dev.connectconfig.local.ConfigPageInBrowser.named;
import static dev.connectconfig.local.ConfigPageInBrowser.openConfig;
import static dev.connectconfig.local.ConfigPageInBrowser.problems;
import static dev.connectconfig.local.ConfigPageInBrowser.tab;
import static dev.connectconfig.local.ConfigPageInBrowser.text;
import static dev.connectconfig.local.ConfigPageInBrowser.toggle;
import static dev.connectconfig.local.ConfigPageInBrowser.type;
import static dev.connectconfig.local.ConfigPageInBrowser.waitForNotice;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.connectconfig.engines.RepoFiles;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Scheduled changes on the console's config page, in Debian's Chromium against the offline runner: a holiday closure
 * made in the schedules editor (dates with a time range, a switch and a prompt text it sets), on the timeline with its
 * year and active in a preview at a moment inside it; a config with every kind of schedule saved unchanged when only a
 * variable changes, and as a reader sees it; the API's error at the schedule field it names; order and zone
 * suggestions; two editors meeting a 412 losing no schedule; an open-ended emergency schedule on the timeline.
 * axe-core's rules on every screen; no console error, CSP violation or unexpected failed request.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ResourceLock(BrowserTestsOnTheRunner.FIRST_RUNNER)
class AdminAppSchedulesBrowserIT extends BrowserTestsOnTheRunner {

    private static AdminAppRunner app;

    /** Next year's holidays: the timeline and preview below name their moments, so the test never depends on today. */
    private static final int YEAR = LocalDate.now(ZoneOffset.UTC).getYear() + 1;

    private static String admin;

    @BeforeAll
    static void startTheRunnerWithConfigsToSchedule(AdminAppRunner shared) throws Exception {
        app = shared;
        admin = app.token("ana", "Full", "*");
        app.createConfig(config("holiday-line", "closed").put("timeZone", "America/New_York"), admin);
        JsonNode event = LocalJson.MAPPER.readTree(Files.readString(
                RepoFiles.path("events/flow-config/create-with-schedules.json")));
        app.createConfig((ObjectNode) LocalJson.MAPPER.readTree(event.get("body").asText()), admin);
        ObjectNode stormy = config("storm-line", "Closed");
        ObjectNode emergency = stormy.putArray("schedules").addObject().put("name", "emergency")
                .put("description", "Emergency switch");
        emergency.putObject("when").put("from", Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES)
                .toString().substring(0, 16));
        emergency.putObject("set").putObject("variables").put("Closed", "true");
        app.createConfig(stormy, admin);
    }

    @Test
    @Order(1)
    void aBusinessUserMakesAHolidayClosureThatTheTimelineAndAPreviewInsideItShow() throws Exception {
        WebDriver holly = openConfig(app, "holly", "Edit", "holiday-*", "holiday-line");
        tab(holly, "Schedules");
        click(holly, "Add a schedule");
        type(holly, "schedules[0].name", "christmas");
        type(holly, "schedules[0].description", "Closed for Christmas");
        type(holly, "schedules[0].new-dates", YEAR + "-12-24, " + YEAR + "-12-25");
        typeTime(holly, "schedules[0].new-dates-start", "08:00");
        typeTime(holly, "schedules[0].new-dates-end", "20:00");
        click(holly, "Add dates");
        waiting(holly).until(ExpectedConditions.presenceOfElementLocated(By.name("schedules[0].when.dates[1]")));
        choose(holly, "Variable for christmas to set", "closed");
        click(holly, "Set this variable");
        toggle(holly, "schedules[0].set.variables.closed");
        choose(holly, "Prompt text for christmas to set", "Greeting in en-US");
        click(holly, "Set this prompt text");
        type(holly, "schedules[0].set.prompts.Greeting.en-US.voice", "We are closed for Christmas.");
        assertTrue(holly.findElement(By.xpath("//h3[contains(., '1. christmas')]/ancestor::*[3]")).getText()
                .contains("On Dec 24, " + YEAR + " 08:00–20:00 and Dec 25, " + YEAR + " 08:00–20:00 (America/New_York)"));
        // The schedule from its name down, below the sticky action bar: the picture in docs/business-users.md.
        ((org.openqa.selenium.JavascriptExecutor) holly).executeScript(
                "arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -150);",
                named(holly, "schedules[0].name"));
        checkScreen(holly, "schedules-holiday");
        click(holly, "Save");
        waitForNotice(holly, "Saved 'holiday-line': now version 2.");

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

        tab(holly, "Timeline");
        typeDate(holly, "timeline-from", YEAR + "-12-20");
        typeTime(holly, "timeline-from-time", "00:00");
        type(holly, "timeline-days", "10");
        click(holly, "Show");
        waiting(holly).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#timeline li"), 2));
        checkScreen(holly, "schedules-timeline");
        List<String> entries = holly.findElements(By.cssSelector("#timeline li")).stream().map(WebElement::getText)
                .toList();
        assertEquals("Closed for Christmas: Dec 24, %1$d 08:00 → Dec 24, %1$d 20:00 (America/New_York) — schedule christmas"
                .formatted(YEAR), entries.get(0));
        assertEquals("Closed for Christmas: Dec 25, %1$d 08:00 → Dec 25, %1$d 20:00 (America/New_York) — schedule christmas"
                .formatted(YEAR), entries.get(1));

        tab(holly, "Preview");
        assertEquals("America/New_York", named(holly, "preview-zone").getAttribute("value"), "the config's zone");
        typeDate(holly, "preview-at", YEAR + "-12-24");
        typeTime(holly, "preview-at-time", "12:00");
        click(holly, "Preview");
        waiting(holly).until(ExpectedConditions.presenceOfElementLocated(By.id("active-schedules")));
        checkScreen(holly, "schedules-preview-at");
        assertEquals("Schedules active at Dec 24, " + YEAR + ", 12:00 PM EST: christmas.", text(holly, "active-schedules"));
        assertTrue(text(holly, "preview-result").contains("We are closed for Christmas."));

        JsonNode inside = preview("holiday-line", YEAR + "-12-24T17:00:00Z");
        assertEquals("christmas", inside.get("activeSchedules").asText());
        assertEquals("true", inside.get("closed").asText());
        assertEquals("", preview("holiday-line", YEAR + "-12-25T02:00:00Z").get("activeSchedules")
                .asText(), "21:00 on Dec 24 in New York is after the closure's 20:00");
        assertNoProblems(holly);
    }

    @Test
    @Order(2)
    void aConfigWithEveryKindOfScheduleIsSavedWithItsSchedulesUnchangedWhenOnlyAVariableChanges() throws Exception {
        JsonNode before = app.apiGet("flow-configs/sales-support", admin);
        assertEquals(3, before.get("schedules").size());
        WebDriver sam = openConfig(app, "sam", "Edit", "sales-*", "sales-support");
        tab(sam, "Schedules");
        assertEquals(3, sam.findElements(By.xpath("//ol[@aria-label='Schedules, the first wins']/li")).size());
        checkScreen(sam, "schedules-every-kind");
        assertTrue(sam.findElement(By.xpath("//ol[@aria-label='Schedules, the first wins']")).getText()
                .contains("Crosses midnight"), "the weekly 18:00–08:00 schedule says so");

        tab(sam, "Values");
        toggle(sam, "variables.Open");
        click(sam, "Save");
        waitForNotice(sam, "Saved 'sales-support': now version 2.");

        JsonNode after = app.apiGet("flow-configs/sales-support", admin);
        assertEquals("false", after.get("variables").get("Open").asText());
        assertEquals(before.get("schedules"), after.get("schedules"));
        assertEquals(before.get("timeZone"), after.get("timeZone"));

        WebDriver reader = openConfig(app, "rita", "Read", "*", "sales-support");
        tab(reader, "Schedules");
        List<String> titles = reader.findElements(By.xpath("//ol[@aria-label='Schedules, the first wins']/li//h3"))
                .stream().map(h -> h.getText().split("\n")[0]).toList();
        assertEquals(List.of("1. christmas", "2. publicHolidays", "3. afterHours"), titles);
        String schedules = reader.findElement(By.xpath("//ol[@aria-label='Schedules, the first wins']")).getText();
        assertTrue(schedules.contains("Every Monday to Friday, 18:00 to 08:00 the next day"), schedules);
        assertTrue(reader.findElements(By.xpath("//input[starts-with(@name, 'schedules[')] | //button[normalize-space(.)="
                + "'Add a schedule']")).isEmpty(), "a reader is offered no schedule control");
        checkScreen(reader, "schedules-read");
        assertNoProblems(reader);
    }

    @Test
    @Order(3)
    void aWindowThatEndsBeforeItStartsShowsTheServersErrorAtItsFieldAndStoresNothing() throws Exception {
        JsonNode before = app.apiGet("flow-configs/holiday-line", admin);
        WebDriver holly = openConfig(app, "holly", "Edit", "holiday-*", "holiday-line");
        tab(holly, "Schedules");
        click(holly, "Add a schedule");
        choose(holly, "When schedule2 is active", "In a window, from a date and time to another");
        type(holly, "schedules[1].name", "storm");
        typeDate(holly, "schedules[1].when.from", YEAR + "-12-26");
        typeTime(holly, "schedules[1].when.from-time", "08:00");
        typeDate(holly, "schedules[1].when.to", YEAR + "-12-24");
        typeTime(holly, "schedules[1].when.to-time", "17:00");
        choose(holly, "Variable for storm to set", "closed");
        click(holly, "Set this variable");
        click(holly, "Save");

        waiting(holly).until(ExpectedConditions.attributeToBe(By.name("schedules[1].when.to"), "aria-invalid", "true"));
        assertEquals("must be after from (" + YEAR + "-12-26T08:00)", errorOf(holly, named(holly, "schedules[1].when.to")));
        waitForNotice(holly, "Not saved");
        checkScreen(holly, "schedules-error");
        assertEquals(before, app.apiGet("flow-configs/holiday-line", admin), "nothing was stored");
        assertTrue(problems(holly).stream().allMatch(p -> p.startsWith("request 400")), problems(holly).toString());
    }

    @Test
    @Order(4)
    void schedulesMoveUpAndDownAndZonesAreSuggestedAsYouType() throws Exception {
        WebDriver holly = openConfig(app, "holly", "Edit", "holiday-*", "holiday-line");
        tab(holly, "Schedules");
        click(holly, "Add a schedule");
        type(holly, "schedules[1].name", "inventory");
        click(holly, "Move inventory up");
        waiting(holly).until(ExpectedConditions.attributeToBe(By.name("schedules[0].name"), "value", "inventory"));
        assertEquals("christmas", named(holly, "schedules[1].name").getAttribute("value"));
        waiting(holly).until(d -> "Move inventory up".equals(d.switchTo().activeElement().getAttribute("aria-label"))
                || d.switchTo().activeElement().getText().equals("Move up"));

        WebElement zone = named(holly, "schedules[0].timeZone");
        ConfigPageInBrowser.scrollIntoView(holly, zone);
        zone.click();
        zone.sendKeys("new york");
        By newYork = By.xpath("//*[@role='option'][contains(normalize-space(.), 'America/New_York')]");
        WebElement suggestion;
        try {
            suggestion = waiting(holly).until(d -> d.findElements(newYork).stream()
                    .filter(WebElement::isDisplayed).findFirst().orElse(null));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(ConfigPageInBrowser.keepScreen(holly, "zone") + zone.getAttribute("value") + " "
                    + holly.findElements(By.xpath("//*[@role='option']")).size() + " options " + problems(holly), e);
        }
        checkScreen(holly, "schedules-zone-suggestions");
        waiting(holly).until(d -> d.findElements(newYork).stream().filter(WebElement::isDisplayed).findFirst()
                .orElse(null)).click();
        assertEquals("America/New_York", named(holly, "schedules[0].timeZone").getAttribute("value"));
        click(holly, "Discard changes");
        waiting(holly).until(ExpectedConditions.attributeToBe(By.name("schedules[0].name"), "value", "christmas"));
        assertNoProblems(holly);
    }

    @Test
    @Order(5)
    void twoEditorsMeetingA412LoseNoScheduleWhenTheSecondReappliesHerChanges() throws Exception {
        JsonNode before = app.apiGet("flow-configs/sales-support", admin);
        long version = before.get("version").asLong();
        WebDriver first = openConfig(app, "sam", "Edit", "sales-*", "sales-support");
        WebDriver second = openConfig(app, "sue", "Edit", "sales-*", "sales-support");
        toggle(first, "variables.Open");
        click(first, "Save");
        waitForNotice(first, "Saved 'sales-support': now version " + (version + 1) + ".");

        tab(second, "Schedules");
        type(second, "schedules[2].description", "Weeknights after six");
        click(second, "Save");
        waiting(second).until(ExpectedConditions.visibilityOfElementLocated(By.id("conflict")));
        assertTrue(text(second, "conflict").contains("schedules › afterHours"), text(second, "conflict"));
        click(second, "Re-apply my changes on version " + (version + 1));
        click(second, "Save");
        waitForNotice(second, "Saved 'sales-support': now version " + (version + 2) + ".");

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

    @Test
    @Order(6)
    void anOpenEndedEmergencyScheduleIsOnTheTimelineWithItsYear() throws Exception {
        WebDriver reader = openConfig(app, "rita", "Read", "*", "storm-line");
        tab(reader, "Timeline");
        WebElement entry = waiting(reader).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline li")));
        assertTrue(entry.getText().matches("Emergency switch: [A-Z][a-z]{2} \\d{1,2}, \\d{4} \\d{2}:\\d{2} → open-ended"
                + " \\(no end set\\) \\(UTC\\) — schedule emergency"), entry.getText());
        checkScreen(reader, "schedules-timeline-emergency");
        assertNoProblems(reader);
    }

    // ---- helpers ----

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

    /** GetConfig's result as the preview renders it, at an instant. */
    private static JsonNode preview(String id, String at) throws Exception {
        ObjectNode body = LocalJson.MAPPER.createObjectNode().put("lang", "en-US").put("channel", "voice").put("at", at);
        HttpResponse<String> answer = app.send("POST", "flow-configs/" + id + "/preview", admin, body.toString());
        assertEquals(200, answer.statusCode(), answer.body());
        return LocalJson.MAPPER.readTree(answer.body()).get("result");
    }

    /** A date typed into a date picker's field as a person types it (2027/12/24), checked as the picker keeps it. */
    private static void typeDate(WebDriver driver, String name, String isoDate) {
        type(driver, name, isoDate.replace('-', '/'));
        assertEquals(isoDate.replace('-', '/'), named(driver, name).getAttribute("value"));
    }

    /** A time typed into a time field (08:00). */
    private static void typeTime(WebDriver driver, String name, String time) {
        type(driver, name, time);
        assertEquals(time, named(driver, name).getAttribute("value"));
    }
}
