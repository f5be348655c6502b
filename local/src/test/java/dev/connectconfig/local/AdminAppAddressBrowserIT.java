package dev.connectconfig.local;

import static dev.connectconfig.local.AdminAppRunner.waiting;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The app opens the same way at {@code /app} and at {@code /app/}: never a blank "Loading…" page. */
@ResourceLock(BrowserTestsOnTheRunner.FIRST_RUNNER)
class AdminAppAddressBrowserIT extends BrowserTestsOnTheRunner {

    private static AdminAppRunner app;

    @BeforeAll
    static void useTheSharedRunner(AdminAppRunner shared) {
        app = shared;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/app", "/app/"})
    void theSignInFormShowsAtEitherAddress(String address) throws Exception {
        WebDriver browser = app.browser();
        browser.get(app.api() + address);

        waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.name("username")));
        assertEquals(app.api() + "/app", browser.getCurrentUrl());
    }
}
