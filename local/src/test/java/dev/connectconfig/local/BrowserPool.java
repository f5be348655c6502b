package dev.connectconfig.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.logging.LogType;

/**
 * The Chromium browsers of one test JVM: started once and handed out again after each test with a fresh tab, no
 * cookies and empty storage, instead of a new Chromium per test. Quit when the JVM's tests end.
 */
final class BrowserPool implements ExtensionContext.Store.CloseableResource {

    private final Path work;
    private final Deque<WebDriver> idle = new ArrayDeque<>();
    private final Deque<WebDriver> all = new ArrayDeque<>();

    BrowserPool(Path work) {
        this.work = work;
    }

    /** An idle browser, or a newly started one when every browser is in use. */
    synchronized WebDriver take() throws IOException {
        WebDriver driver = idle.poll();
        if (driver == null) {
            driver = AppBrowser.start(work);
            all.add(driver);
        }
        // The console log lives as long as the browser: what an earlier test's pages logged is read away here, so a
        // test's check for console errors sees only its own.
        driver.manage().logs().get(LogType.BROWSER);
        return driver;
    }

    /**
     * Takes a browser back as a new one would be: its page's storage and cookies cleared, then a fresh tab in place
     * of every open one (closing a tab runs no unload prompt, so unsaved changes cannot block it).
     */
    synchronized void giveBack(WebDriver driver) {
        try {
            try {
                ((JavascriptExecutor) driver).executeScript(
                        "try { sessionStorage.clear(); localStorage.clear(); } catch (e) {}");
                driver.manage().deleteAllCookies();
            } catch (RuntimeException pageWithoutStorage) {
                // about:blank or a dialog: nothing of the app's is kept there.
            }
            var previous = driver.getWindowHandles();
            driver.switchTo().newWindow(WindowType.TAB);
            String fresh = driver.getWindowHandle();
            for (String handle : previous) {
                driver.switchTo().window(handle).close();
            }
            driver.switchTo().window(fresh);
            driver.manage().window().setSize(AppBrowser.WINDOW);
            idle.push(driver);
        } catch (RuntimeException broken) {
            all.remove(driver);
            driver.quit();
        }
    }

    @Override
    public synchronized void close() {
        all.forEach(WebDriver::quit);
        all.clear();
        idle.clear();
    }
}
