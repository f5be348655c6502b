package dev.connectconfig.local;

import static dev.connectconfig.local.AdminAppRunner.checkScreen;
import static dev.connectconfig.local.AdminAppRunner.waiting;
import static dev.connectconfig.local.ConfigPageInBrowser.button;
import static dev.connectconfig.local.ConfigPageInBrowser.choose;
import static dev.connectconfig.local.ConfigPageInBrowser.click;
import static dev.connectconfig.local.ConfigPageInBrowser.enabled;
import static dev.connectconfig.local.ConfigPageInBrowser.errorOf;
import static dev.connectconfig.local.ConfigPageInBrowser.literal;
import static dev.connectconfig.local.ConfigPageInBrowser.named;
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
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Shared calendars in the console (issue 24), in Debian's Chromium against the offline runner: a Full user makes a
 * national-holiday calendar with a yearly, an nth-weekday and an Easter-relative entry, sees its year view's dates
 * (checked against published dates), uses it from a config's schedule "On a calendar", sees the timeline and the
 * preview name the entry, and cannot delete it while the config uses it; a reader only looks. And the emergency
 * page's additions: configs refused and named, the server's list of configs in emergency with each end, and "no end"
 * for Full only. axe-core on every screen, no console error and no failed request but the refusals asked for.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ResourceLock(BrowserTestsOnTheRunner.FIRST_RUNNER)
class AdminAppCalendarsBrowserIT extends BrowserTestsOnTheRunner {

    private static AdminAppRunner app;

    private static final String CALENDAR = "zz-national-holidays";
    private static final String LINE = "zz-holiday-line";
    private static final List<String> BRANCHES = List.of("branch-north", "branch-south", "branch-west");
    /** Published dates: Thanksgiving (fourth Thursday of November) and Good Friday (Western Easter − 2). */
    private static final Map<Integer, String> THANKSGIVING = Map.of(2026, "2026-11-26", 2027, "2027-11-25",
            2028, "2028-11-23", 2029, "2029-11-22", 2030, "2030-11-28", 2031, "2031-11-27");
    private static final Map<Integer, String> GOOD_FRIDAY = Map.of(2026, "2026-04-03", 2027, "2027-03-26",
            2028, "2028-04-14", 2029, "2029-03-30", 2030, "2030-04-19", 2031, "2031-04-11");
    /** Next year: the timeline and preview below name their moments, so the test never depends on today. */
    private static final int YEAR = LocalDate.now().getYear() + 1;

    private static String admin;

    @BeforeAll
    static void configsToUseTheCalendar(AdminAppRunner shared) throws Exception {
        app = shared;
        admin = app.token("ana", "Full", "*");
        app.createConfig(config(LINE).put("timeZone", "America/New_York"), admin);
        for (String id : BRANCHES) {
            app.createConfig(config(id), admin);
        }
    }

    @Test
    @Order(1)
    void aFullUserMakesANationalHolidayCalendarSeesItsDatesUsesItInAScheduleAndCannotDeleteItWhileUsed()
            throws Exception {
        WebDriver ana = app.signedIn("ana", "Full", "*");
        follow(ana, "Calendars");
        waiting(ana).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("h1"), "Calendars ("));
        clean(ana, "calendars-list");
        click(ana, "Create calendar");
        type(ana, "calendar-id", CALENDAR);
        click(ana, "Continue");
        waiting(ana).until(ExpectedConditions.textToBe(By.tagName("h1"), CALENDAR));
        type(ana, "description", "National holidays");

        click(ana, "Add an entry");
        type(ana, "entries[0].name", "Christmas Day");
        choose(ana, "Month of Christmas Day", "December");
        type(ana, "entries[0].day", "25");
        choose(ana, "Observed rule of Christmas Day", "Saturday observed Friday, Sunday observed Monday");

        click(ana, "Add an entry");
        type(ana, "entries[1].name", "Thanksgiving");
        choose(ana, "Rule of Thanksgiving", "Every year on a weekday of a month");
        choose(ana, "Which weekday of the month for Thanksgiving", "Fourth");
        choose(ana, "Weekday of Thanksgiving", "Thursday");
        choose(ana, "Month of Thanksgiving", "November");

        click(ana, "Add an entry");
        type(ana, "entries[2].name", "Good Friday!");
        choose(ana, "Rule of Good Friday!", "Every year, days from Easter");
        type(ana, "entries[2].offset", "-2");
        assertTrue(ana.findElement(By.cssSelector("[role='group'][aria-label='Entry Thanksgiving']")).getText()
                .contains("The fourth Thursday of November every year, all day"));

        // The API's refusal lands at the field it names.
        click(ana, "Create calendar");
        waitForNotice(ana, "Not saved");
        waiting(ana).until(d -> !errorOf(d, named(d, "entries[2].name")).isEmpty());
        assertEquals("true", named(ana, "entries[2].name").getAttribute("aria-invalid"));
        checkScreen(ana, "calendar-field-error");
        assertOnly(ana, "400", "the refused create");
        assertEquals(404, app.apiStatus("calendars/" + CALENDAR, admin), "nothing was written");

        type(ana, "entries[2].name", "Good Friday");
        click(ana, "Create calendar");
        waitForNotice(ana, "Created the calendar '" + CALENDAR + "' (version 1).");
        JsonNode stored = app.apiGet("calendars/" + CALENDAR, admin);
        assertEquals(LocalJson.MAPPER.readTree("""
                [{"name": "Christmas Day", "kind": "yearly", "month": 12, "day": 25, "observed": "nearestWeekday"},
                 {"name": "Thanksgiving", "kind": "nthWeekday", "month": 11, "weekday": "THU", "nth": 4},
                 {"name": "Good Friday", "kind": "easter", "offset": -2}]"""), stored.get("entries"));

        // The year view: this year and the next two, against published dates.
        int thisYear = LocalDate.now().getYear();
        for (int year = thisYear; year <= thisYear + 2; year++) {
            WebElement days = waiting(ana).until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("table[aria-label='Days in " + year + "']")));
            assertEquals("Thanksgiving", dayRow(days, THANKSGIVING.get(year)), "Thanksgiving " + year);
            assertEquals("Good Friday", dayRow(days, GOOD_FRIDAY.get(year)), "Good Friday " + year);
        }
        if (thisYear <= 2027 && 2027 <= thisYear + 2) {
            // December 25, 2027 is a Saturday: observed on Friday the 24th.
            WebElement days = ana.findElement(By.cssSelector("table[aria-label='Days in 2027']"));
            assertEquals("Christmas Day (observed for Dec 25, 2027)", dayRow(days, "2027-12-24"));
        }
        assertTrue(ana.findElement(By.tagName("body")).getText().contains("No config uses this calendar."));
        ((JavascriptExecutor) ana).executeScript("arguments[0].scrollIntoView({block: 'start'});", ana.findElement(
                By.xpath("//h2[normalize-space()='Year view']")));
        clean(ana, "calendar-year-view");

        // Used from a config's schedule, on one of its entries.
        ana.get(app.api() + "/app#/configs/" + LINE);
        waiting(ana).until(ExpectedConditions.textToBe(By.tagName("h1"), LINE));
        tab(ana, "Schedules");
        click(ana, "Add a schedule");
        type(ana, "schedules[0].name", "holidays");
        choose(ana, "When holidays is active", "On a calendar");
        choose(ana, "Calendar of holidays", CALENDAR);
        WebElement some = waiting(ana).until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//input[@type='radio'][@value='some']")));
        ((JavascriptExecutor) ana).executeScript("arguments[0].click();", some);
        chooseAmong(ana, "Entries of " + CALENDAR + " for holidays", "Thanksgiving");
        named(ana, "schedules[0].name").sendKeys(Keys.ESCAPE);
        choose(ana, "Variable for holidays to set", "Closed");
        click(ana, "Set this variable");
        toggle(ana, "schedules[0].set.variables.Closed");
        assertTrue(ana.findElement(By.xpath("//h3[contains(., '1. holidays')]/ancestor::*[3]")).getText()
                .contains("On Thanksgiving of calendar " + CALENDAR + " (America/New_York)"));
        checkScreen(ana, "schedule-on-a-calendar");
        click(ana, "Save");
        waitForNotice(ana, "Saved '" + LINE + "': now version 2.");
        assertEquals(LocalJson.MAPPER.readTree("{\"calendar\": \"" + CALENDAR + "\", \"entries\": [\"Thanksgiving\"]}"),
                app.apiGet("flow-configs/" + LINE, admin).get("schedules").get(0).get("when"));

        String thanksgiving = THANKSGIVING.get(YEAR);
        tab(ana, "Timeline");
        typeDate(ana, "timeline-from", thanksgiving.substring(0, 8) + "20");
        type(ana, "timeline-days", "10");
        click(ana, "Show");
        waiting(ana).until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#timeline li"), 1));
        String stretch = ana.findElement(By.cssSelector("#timeline li")).getText();
        assertTrue(stretch.startsWith("holidays: Nov " + Integer.parseInt(thanksgiving.substring(8)) + ", " + YEAR
                + " 00:00") && stretch.endsWith("— Thanksgiving"), stretch);
        clean(ana, "calendar-timeline");

        tab(ana, "Preview");
        typeDate(ana, "preview-at", thanksgiving);
        type(ana, "preview-at-time", "12:00");
        click(ana, "Preview");
        waiting(ana).until(ExpectedConditions.textToBePresentInElementLocated(By.id("active-schedules"),
                "(calendar: Thanksgiving)."));
        assertTrue(text(ana, "active-schedules").startsWith("Schedules active at"), text(ana, "active-schedules"));
        clean(ana, "calendar-preview");

        // The calendar names the config that uses it, and refuses to be deleted while it does.
        ana.get(app.api() + "/app#/calendars/" + CALENDAR);
        WebElement users = waiting(ana).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("ul[aria-label='Configs that use it']")));
        assertEquals(LINE, users.getText().trim());
        click(ana, "Delete calendar");
        click(ana, "Delete " + CALENDAR);
        waiting(ana).until(d -> d.findElements(By.cssSelector("[role='dialog']")).stream().filter(WebElement::isDisplayed)
                .anyMatch(dialog -> dialog.getText().contains("Not deleted") && dialog.getText().contains(LINE)));
        waitForNotice(ana, "Not deleted");
        checkScreen(ana, "calendar-in-use");
        assertOnly(ana, "409", "the refused delete");
        assertEquals(200, app.apiStatus("calendars/" + CALENDAR, admin), "the calendar is still there");
    }

    @Test
    @Order(2)
    void aReaderLooksAtCalendarsAndIsOfferedNoChange() throws Exception {
        WebDriver rita = app.signedIn("rita", "Read", "*");
        follow(rita, "Calendars");
        WebElement link = waiting(rita).until(ExpectedConditions.presenceOfElementLocated(By.linkText(CALENDAR)));
        assertFalse(enabled(button(rita, "Create calendar")), "a reader creates no calendar");
        clean(rita, "calendars-read");
        link.click();
        waiting(rita).until(ExpectedConditions.textToBe(By.tagName("h1"), CALENDAR));
        waiting(rita).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                "Changing a calendar needs Full access to it"));
        assertTrue(rita.findElement(By.cssSelector("ul[aria-label='Entries']")).getText()
                .contains("Thanksgiving: The fourth Thursday of November every year, all day"));
        assertTrue(rita.findElements(By.name("entries[0].name")).isEmpty(), "no entry editor");
        assertTrue(rita.findElements(By.xpath("//button[normalize-space()='Delete calendar']")).isEmpty());
        assertFalse(enabled(button(rita, "Save")));
        waiting(rita).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table[aria-label='Days in "
                + LocalDate.now().getYear() + "']")));
        clean(rita, "calendar-read");
    }

    @Test
    @Order(3)
    void onTheEmergencyPageConfigsTheEditorMayNotChangeAreRefusedAndNamedAndTheTableListsEachEnd() throws Exception {
        ObjectNode login = LocalJson.MAPPER.createObjectNode().put("username", "nora").put("level", "Edit");
        login.putArray("scopes").add("branch-north");
        login.putArray("groups").add("FlowConfigRead");
        WebDriver nora = app.signedInWith(app.token(login));
        follow(nora, "Emergency");
        waiting(nora).until(ExpectedConditions.textToBe(By.tagName("h1"), "Emergency"));
        for (String id : BRANCHES) {
            tick(nora, id);
        }
        WebElement noEnd = nora.findElement(By.name("no-end"));
        assertFalse(noEnd.isEnabled(), "no end needs Full");
        AdminAppRunner.type(nora.findElement(By.cssSelector("input[aria-label='Variable 1']")), "Closed");
        AdminAppRunner.type(nora.findElement(By.cssSelector("input[aria-label='Value 1']")), "true");
        click(nora, "Start emergency…");
        waiting(nora).until(ExpectedConditions.elementToBeClickable(
                AdminAppRunner.buttonNamed("Start the emergency on 1 config")));
        WebElement dialog = nora.findElement(By.cssSelector("[role='dialog']"));
        assertTrue(dialog.getText().contains("3 ticked configs: branch-north, branch-south, branch-west"),
                dialog.getText());
        assertTrue(dialog.getText().contains("ends by itself after the default maximum"), dialog.getText());
        assertEquals(List.of("branch-north"), items(nora, "Would change"));
        assertEquals(2, items(nora, "Would be refused").size());
        checkScreen(nora, "emergency-refused-confirmation");
        AdminAppRunner.button(nora, "Start the emergency on 1 config").click();
        waitForNotice(nora, "Emergency started: 1 changed, 2 refused.");
        waitForNotice(nora, "(the default maximum).");
        assertEquals(List.of(
                "branch-south: You may read this config but not change its values. (FORBIDDEN)",
                "branch-west: You may read this config but not change its values. (FORBIDDEN)"), items(nora, "Refused"));
        assertEquals("emergency", schedules("branch-north").get(0).get("name").asText());
        assertTrue(schedules("branch-south").isEmpty());
        assertTrue(schedules("branch-west").isEmpty());

        // The table of configs in emergency is the server's list, each with its end.
        WebElement row = waiting(nora).until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//table[@aria-label='Configs in emergency now']//tr[.//a[normalize-space()='branch-north']]")));
        assertFalse(row.getText().contains("No end"), row.getText());
        assertTrue(row.getText().matches("(?s).*\\d{4}.*"), "an end with its year: " + row.getText());
        clean(nora, "emergency-refused");

        // A Full user may start one with no end; the table says so; ending it leaves none.
        WebDriver ana = app.signedIn("ana", "Full", "*");
        follow(ana, "Emergency");
        waiting(ana).until(ExpectedConditions.textToBe(By.tagName("h1"), "Emergency"));
        tick(ana, "branch-west");
        toggle(ana, "no-end");
        AdminAppRunner.type(ana.findElement(By.cssSelector("input[aria-label='Variable 1']")), "Closed");
        AdminAppRunner.type(ana.findElement(By.cssSelector("input[aria-label='Value 1']")), "true");
        click(ana, "Start emergency…");
        waiting(ana).until(ExpectedConditions.elementToBeClickable(
                AdminAppRunner.buttonNamed("Start the emergency on 1 config"))).click();
        waitForNotice(ana, "It has no end: end it here when it is over.");
        JsonNode listed = app.apiGet("flow-configs/emergency", admin).get("items");
        assertEquals(2, listed.size(), listed.toString());
        WebElement west = waiting(ana).until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//table[@aria-label='Configs in emergency now']//tr[.//a[normalize-space()='branch-west']]")));
        assertTrue(west.getText().contains("No end: when someone ends it"), west.getText());
        clean(ana, "emergency-no-end");
        click(ana, "End all…");
        waiting(ana).until(ExpectedConditions.elementToBeClickable(
                AdminAppRunner.buttonNamed("End the emergency on 2 configs"))).click();
        waitForNotice(ana, "Emergency ended: 2 changed, 0 refused.");
        waiting(ana).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(
                "table[aria-label='Configs in emergency now']"), "No config is in an emergency."));
        assertEquals(0, app.apiGet("flow-configs/emergency", admin).get("items").size());
        clean(ana, "emergency-ended-all");
    }

    // ---- helpers ----

    private static ObjectNode config(String id) {
        ObjectNode config = LocalJson.MAPPER.createObjectNode().put("id", id)
                .put("description", "A line with holidays").put("defaultLanguage", "en-US");
        config.putObject("variables").put("Closed", "false");
        config.putObject("schema").putObject("Closed").put("type", "boolean");
        config.putObject("prompts").putObject("Greeting").putObject("en-US").put("voice", "Thanks for calling.");
        return config;
    }

    private static JsonNode schedules(String id) throws Exception {
        JsonNode schedules = app.apiGet("flow-configs/" + id, admin).get("schedules");
        return schedules == null ? LocalJson.MAPPER.createArrayNode() : schedules;
    }

    private static void follow(WebDriver driver, String navigation) {
        driver.findElement(By.xpath("//nav[@aria-label='Side navigation']//a[normalize-space()=" + literal(navigation)
                + "]")).click();
    }

    /** Picks an option of a Cloudscape multiselect found by its label (a screen-reader-only element, not hidden). */
    private static void chooseAmong(WebDriver driver, String label, String option) {
        WebElement trigger = waiting(driver).until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//button[contains(concat(' ', @aria-labelledby, ' '), concat(' ', (//*[@id][normalize-space()="
                        + literal(label) + "])[1]/@id, ' '))]")));
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", trigger);
        trigger.click();
        By options = By.xpath("//*[@role='option'][.//*[normalize-space(text())=" + literal(option) + "]]");
        waiting(driver).until(d -> d.findElements(options).stream().filter(WebElement::isDisplayed).findFirst()
                .orElse(null)).click();
    }

    /** Ticks a config in the emergency page's table, loading more of the list until it is there. */
    private static void tick(WebDriver driver, String id) {
        By box = By.cssSelector("input[aria-label='Tick " + id + "']");
        waiting(driver).until(d -> {
            if (!d.findElements(box).isEmpty()) {
                return true;
            }
            d.findElements(AdminAppRunner.buttonNamed("Load more")).stream().filter(WebElement::isEnabled).findFirst()
                    .ifPresent(WebElement::click);
            return false;
        });
        WebElement input = driver.findElement(box);
        if (!input.isSelected()) {
            ((JavascriptExecutor) driver).executeScript("arguments[0].click();", input);
        }
    }

    /** The entry a year view's table names on a date (its time element's dateTime). */
    private static String dayRow(WebElement days, String date) {
        List<WebElement> rows = days.findElements(By.xpath(".//tr[.//time[@datetime='" + date + "']]"));
        assertEquals(1, rows.size(), date + " in " + days.getText());
        List<WebElement> cells = rows.get(0).findElements(By.xpath("./*[self::td or self::th]"));
        return cells.get(cells.size() - 1).getText().trim();
    }

    private static List<String> items(WebDriver driver, String list) {
        return driver.findElements(By.cssSelector("ul[aria-label='" + list + "'] li")).stream()
                .map(WebElement::getText).toList();
    }

    /** A date typed into a date picker's field as a person types it (2027/11/20). */
    private static void typeDate(WebDriver driver, String name, String isoDate) {
        type(driver, name, isoDate.replace('-', '/'));
        assertEquals(isoDate.replace('-', '/'), named(driver, name).getAttribute("value"));
    }

    private static void clean(WebDriver driver, String screen) throws Exception {
        checkScreen(driver, screen);
        assertEquals(List.of(), AppBrowser.consoleProblems(driver), screen);
    }

    /** Every problem since the last look is the refusal the test asked for (HTTP {@code status}); then forgotten. */
    private static void assertOnly(WebDriver driver, String status, String what) {
        List<String> problems = AppBrowser.consoleProblems(driver);
        assertFalse(problems.isEmpty(), what + " is seen");
        assertTrue(problems.stream().allMatch(p -> p.contains(status) && p.contains("/calendars/" + CALENDAR)),
                what + ": " + problems);
        ((JavascriptExecutor) driver).executeScript("performance.clearResourceTimings();");
    }
}
