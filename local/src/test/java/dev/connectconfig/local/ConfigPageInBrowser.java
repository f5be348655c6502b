package dev.connectconfig.local;

import static dev.connectconfig.local.AdminAppRunner.waiting;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * How the config page's browser tests drive the console: open a config signed in with a token, find controls by
 * their name, label, role or text (never by Cloudscape's generated class names), and watch the page for console
 * errors, CSP violations and failed requests from its first script on.
 */
final class ConfigPageInBrowser {

    /**
     * Runs before the page's own scripts in every document: records CSP violations, console errors, uncaught errors
     * and requests that failed, for {@link #problems}.
     */
    private static final String WATCH = """
            window.__problems = [];
            document.addEventListener('securitypolicyviolation', e =>
              window.__problems.push('CSP ' + e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
            window.addEventListener('error', e => window.__problems.push('error ' + e.message));
            window.addEventListener('unhandledrejection', e => window.__problems.push('rejection ' + e.reason));
            const consoleError = console.error;
            console.error = (...args) => { window.__problems.push('console ' + args.join(' ')); consoleError(...args); };
            new PerformanceObserver(list => list.getEntries().forEach(entry => {
              if (entry.responseStatus >= 400 && !entry.name.includes('/flow-configs/does-not-exist'))
                window.__problems.push('request ' + entry.responseStatus + ' ' + entry.name);
            })).observe({ type: 'resource', buffered: true });
            """;

    private ConfigPageInBrowser() {
    }

    /** A browser of the pool signed in with a token of the runner's local sign-in, showing one config's page. */
    static WebDriver openConfig(AdminAppRunner app, String user, String level, String scopes, String id)
            throws Exception {
        return openConfigWith(app, app.token(user, level, scopes), id);
    }

    static WebDriver openConfigWith(AdminAppRunner app, String token, String id) throws Exception {
        WebDriver driver = app.browser();
        ((ChromeDriver) driver).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", WATCH));
        driver.get(app.api() + "/app");
        // The console reads the token when it starts: kept first, then the page is loaded at the config's address.
        ((JavascriptExecutor) driver).executeScript("sessionStorage.setItem('flow-config-app.id-token', arguments[0]);"
                + " window.location.hash = '#/configs/' + encodeURIComponent(arguments[1]); window.location.reload();",
                token, id);
        waitForTitle(driver, id);
        return driver;
    }

    static void waitForTitle(WebDriver driver, String id) {
        try {
            waiting(driver).until(ExpectedConditions.presenceOfElementLocated(By.xpath("//h1[normalize-space()='" + id
                + "']")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("no page for " + id + " at " + driver.getCurrentUrl() + ": "
                    + driver.findElement(By.tagName("body")).getText() + " " + problems(driver), e);
        }
        waiting(driver).until(ExpectedConditions.presenceOfElementLocated(By.id("version-line")));
    }

    /** The console errors, CSP violations and failed requests seen since the page loaded. */
    @SuppressWarnings("unchecked")
    static List<String> problems(WebDriver driver) {
        return (List<String>) ((JavascriptExecutor) driver).executeScript("return window.__problems || ['not watched'];");
    }

    static void assertNoProblems(WebDriver driver) {
        assertEquals(List.of(), problems(driver), "no console error, CSP violation or failed request");
    }

    static WebElement named(WebDriver driver, String name) {
        return waiting(driver).until(ExpectedConditions.presenceOfElementLocated(By.name(name)));
    }

    static void type(WebDriver driver, String name, String text) {
        WebElement field = named(driver, name);
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        if (!text.isEmpty()) {
            field.sendKeys(text);
        }
    }

    /** A button by its visible text or its accessible name (aria-label). */
    static WebElement button(WebDriver driver, String text) {
        return waiting(driver).until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//button[not(@role='tab')][normalize-space(.)=" + literal(text) + " or @aria-label=" + literal(text)
                        + " or .//span[normalize-space(text())=" + literal(text) + "]]")));
    }

    static void click(WebDriver driver, String buttonText) {
        WebElement button = button(driver, buttonText);
        scrollIntoView(driver, button);
        waiting(driver).until(ExpectedConditions.elementToBeClickable(button)).click();
    }

    static boolean enabled(WebElement button) {
        return button.isEnabled() && !"true".equals(button.getAttribute("aria-disabled"));
    }

    static void tab(WebDriver driver, String label) {
        WebElement tab = waiting(driver).until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//*[@role='tab'][starts-with(normalize-space(.), " + literal(label) + ")]")));
        // A script's click: on a narrow screen the tab strip's scroll arrows may lie over the tab.
        ((JavascriptExecutor) driver).executeScript("arguments[0].click();", tab);
        waiting(driver).until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//*[@role='tab'][@aria-selected='true'][starts-with(normalize-space(.), " + literal(label) + ")]")));
    }

    /** Ticks or unticks a switch or checkbox by its input's name (Cloudscape draws the box over the input). */
    static void toggle(WebDriver driver, String name) {
        WebElement input = named(driver, name);
        scrollIntoView(driver, input);
        ((JavascriptExecutor) driver).executeScript("arguments[0].click();", input);
    }

    /** A Cloudscape select's trigger, found by its accessible label (the hidden element its aria-labelledby names). */
    static WebElement select(WebDriver driver, String label) {
        WebElement name = waiting(driver).until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//div[@hidden][normalize-space()=" + literal(label) + "]")));
        return driver.findElement(By.xpath("//button[contains(concat(' ', @aria-labelledby, ' '), "
                + literal(" " + name.getAttribute("id") + " ") + ")]"));
    }

    /** Picks an option of a Cloudscape select found by its label. */
    static void choose(WebDriver driver, String label, String option) {
        WebElement trigger = select(driver, label);
        scrollIntoView(driver, trigger);
        try {
            trigger.click();
        } catch (org.openqa.selenium.WebDriverException e) {
            throw new AssertionError(keepScreen(driver, "choose-" + label) + trigger.getAttribute("outerHTML"), e);
        }
        // The open list's option: a select closed earlier may keep its (hidden) options in the page.
        By options = By.xpath("//*[@role='option'][.//*[normalize-space(text())=" + literal(option) + "]]");
        WebElement choice = waiting(driver).until(d -> d.findElements(options).stream().filter(WebElement::isDisplayed)
                .findFirst().orElse(null));
        choice.click();
    }

    /** What a Cloudscape select shows as chosen. */
    static String chosen(WebDriver driver, String label) {
        return select(driver, label).getText().trim();
    }

    static void waitForNotice(WebDriver driver, String text) {
        waiting(driver).until(ExpectedConditions.presenceOfElementLocated(By.xpath(
                "//*[contains(normalize-space(.), " + literal(text) + ") and not(*[contains(normalize-space(.), "
                        + literal(text) + ")])]")));
    }

    static String text(WebDriver driver, String id) {
        return driver.findElement(By.id(id)).getText().replaceAll("\\s+", " ").trim();
    }

    /** The field's error message: the first element its aria-describedby names (Cloudscape names the error first). */
    static String errorOf(WebDriver driver, WebElement field) {
        String describedBy = field.getAttribute("aria-describedby");
        if (describedBy == null) {
            return "";
        }
        for (String id : describedBy.split(" ")) {
            List<WebElement> found = driver.findElements(By.id(id));
            if (!found.isEmpty() && !found.get(0).getText().isBlank()) {
                return found.get(0).getText().trim();
            }
        }
        return "";
    }

    /** A screenshot for a failure's report, under the screens folder; its file name. */
    static String keepScreen(WebDriver driver, String name) {
        try {
            java.nio.file.Path file = AppBrowser.SCREENS.resolve("failed-" + name.replaceAll("[^A-Za-z0-9-]", "_") + ".png");
            java.nio.file.Files.write(file, ((org.openqa.selenium.TakesScreenshot) driver).getScreenshotAs(
                    org.openqa.selenium.OutputType.BYTES));
            return file + " ";
        } catch (java.io.IOException e) {
            return "";
        }
    }

    static void scrollIntoView(WebDriver driver, WebElement element) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block: 'center'});", element);
    }

    /**
     * Asserts that focus comes back to the field named {@code name}: the page moves it once React has drawn the
     * change, so this waits for that (as long as any other wait) before it judges.
     */
    static void assertFocusReturnsTo(WebDriver driver, String name, String message) {
        try {
            AdminAppRunner.waiting(driver).until(d -> name.equals(activeName(d)));
        } catch (org.openqa.selenium.TimeoutException e) {
            // judged below, with the field that has the focus named
        }
        org.junit.jupiter.api.Assertions.assertEquals(name, activeName(driver), message);
    }

    static String activeName(WebDriver driver) {
        return (String) ((JavascriptExecutor) driver).executeScript(
                "return document.activeElement && document.activeElement.getAttribute('name');");
    }

    /** An XPath string literal for any text (quotes included). */
    static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }
}
