package dev.connectconfig.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console in a read-only replica region (contract C1): a runner whose stack names another primary region
 * ({@code PrimaryRegion}); the console says so in a banner and offers no write, each control off with that reason.
 */
@ExtendWith(SharedBrowserFixtures.class)
class AdminAppReplicaBrowserIT {

    @TempDir
    static Path work;
    private static RunnerProcess runner;
    private static BrowserPool browsers;
    private WebDriver browser;

    @BeforeAll
    static void startAReplica(BrowserPool shared) throws Exception {
        browsers = shared;
        runner = RunnerProcess.onFreePorts(work, "--parameter", "PrimaryRegion=eu-west-1");
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(runner.api()
                + "/app")).timeout(RunnerProcess.START_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), page.body());
    }

    @AfterAll
    static void stop() {
        if (runner != null) {
            runner.close();
        }
    }

    @AfterEach
    void giveTheBrowserBack() {
        if (browser != null) {
            browsers.giveBack(browser);
        }
    }

    @Test
    void aFullUserInAReplicaSeesTheBannerAndNoWriteIsOffered() throws Exception {
        browser = browsers.take();
        browser.get(runner.api() + "/app");
        AdminAppRunner.signIn(browser, "ana", "Full", "*");

        String reason = "This region is a read-only replica; make changes in eu-west-1.";
        WebElement banner = AdminAppRunner.waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//*[normalize-space()='Read-only region']")));
        assertTrue(browser.findElement(By.tagName("body")).getText().contains("changes are made in eu-west-1"),
                banner.getText());
        assertOffWithReason(AdminAppRunner.button(browser, "Create config"), reason);
        check("replica-list");

        browser.findElement(By.linkText("Emergency")).click();
        AdminAppRunner.waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                reason));
        assertOffWithReason(AdminAppRunner.button(browser, "Start emergency…"), reason);
        check("replica-emergency");

        browser.findElement(By.linkText("Import and export")).click();
        AdminAppRunner.waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                reason));
        assertTrue(browser.findElements(By.cssSelector("input[type='file']")).isEmpty(), "no import in a replica");
        check("replica-transfer");
    }

    @Test
    void aConfigPageInAReplicaOffersNoWriteAndSaysWhy() throws Exception {
        browser = browsers.take();
        browser.get(runner.api() + "/app");
        AdminAppRunner.signIn(browser, "ana", "Full", "*");
        browser.get(runner.api() + "/app#/configs/main-queue");
        ConfigPageInBrowser.waitForTitle(browser, "main-queue");

        String reason = "This region is a read-only replica; make changes in eu-west-1.";
        assertOffWithReason(ConfigPageInBrowser.button(browser, "Save"), reason);
        assertOffWithReason(ConfigPageInBrowser.button(browser, "Delete config"), reason);
        assertTrue(browser.findElements(By.cssSelector("textarea, input[name^='variables.'], input[name='new-variable']"))
                .isEmpty(), "no editor is offered in a replica");
        ConfigPageInBrowser.tab(browser, "History");
        AdminAppRunner.waiting(browser).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
                reason));
        assertTrue(browser.findElements(By.xpath("//button[starts-with(@aria-label, 'Restore version')]")).isEmpty(),
                "no restore in a replica");
        check("replica-config");
    }

    private void assertOffWithReason(WebElement button, String reason) {
        assertEquals("true", button.getAttribute("aria-disabled"), button.getText());
        // Cloudscape names the reason as the button's description (a tooltip on hover and focus).
        String described = button.getAttribute("aria-describedby");
        assertTrue(described != null && browser.findElement(By.id(described.split(" ")[0])).getAttribute(
                "textContent").contains(reason), "the reason is the button's description: " + described);
    }

    private void check(String screen) throws Exception {
        AppBrowser.checkScreen(browser, screen);
        assertEquals(List.of(), AppBrowser.consoleProblems(browser), screen);
    }
}
