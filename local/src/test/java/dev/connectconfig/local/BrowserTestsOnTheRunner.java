package dev.connectconfig.local;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;

/**
 * What every admin-app browser test class shares: one runner for the class (started by its own {@code @BeforeAll},
 * with the data it needs), stopped after the class, and the browsers each test opened closed after it.
 */
abstract class BrowserTestsOnTheRunner {

    static AdminAppRunner app;

    @AfterAll
    static void stopTheRunner() throws InterruptedException {
        if (app != null) {
            app.close();
            app = null;
        }
    }

    @AfterEach
    void closeTheBrowsers() {
        app.closeBrowsers();
    }
}
