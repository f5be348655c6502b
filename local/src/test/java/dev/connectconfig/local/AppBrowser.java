package dev.connectconfig.local;

import dev.connectconfig.testing.RequiredTools;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import dev.connectconfig.engines.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/** Debian's Chromium for the admin app's tests: started headless on a fresh profile, checked with axe-core. */
final class AppBrowser {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Dimension WINDOW = new Dimension(1280, 720);
    static final Path SCREENS = RepoFiles.path("local/target/admin-app-screens");

    private AppBrowser() {
    }

    /** Skips the calling tests (fails them on CI), saying how to install Chromium, where it is absent. */
    static void assumeInstalled() throws IOException {
        RequiredTools.require(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "the browser tests need Chromium and its driver; on Debian or Ubuntu run"
                        + " `sudo apt-get install chromium chromium-driver` (/usr/bin/chromium, /usr/bin/chromedriver)");
        Files.createDirectories(SCREENS);
    }

    /**
     * A 1280×720 headless Chromium with a fresh profile in {@code work}; without the background-networking flags it
     * keeps trying hosts this machine cannot reach.
     */
    static WebDriver start(Path work) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // The page's console, read by the tests: no error on any screen.
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--user-data-dir="
                        + Files.createTempDirectory(work, "chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(WINDOW);
        return driver;
    }

    /**
     * What went wrong on the page since the last call: console errors (a CSP violation, an exception, a failed load)
     * and every request answered 400 or more. Empty on a healthy screen.
     */
    static List<String> consoleProblems(WebDriver driver) {
        List<String> problems = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
                problems.add("console: " + entry.getMessage());
            }
        }
        Object failed = ((JavascriptExecutor) driver).executeScript("return performance.getEntriesByType('resource')"
                + ".filter(e => e.responseStatus >= 400).map(e => e.responseStatus + ' ' + e.name);");
        if (failed instanceof List<?> list) {
            list.forEach(request -> problems.add("request: " + request));
        }
        return problems;
    }

    /** axe-core's rules on the screen as shown: no serious or critical violation; and a screenshot for review. */
    static void checkScreen(WebDriver driver, String name) throws IOException {
        Files.write(SCREENS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        Results results = new AxeBuilder().analyze(driver);
        List<String> violations = new ArrayList<>();
        for (Rule rule : results.getViolations()) {
            if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                violations.add(rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " at "
                        + rule.getNodes().stream().map(node -> String.valueOf(node.getTarget())).toList());
            }
        }
        assertTrue(violations.isEmpty(), name + ": " + violations);
    }
}
