package dev.connectconfig.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * What every admin-app browser test class shares: the one runner and browser pool of the test JVM (its
 * {@code @BeforeAll} takes the {@link AdminAppRunner} and adds the data it needs, under ids of its own), one class at
 * a time on that runner, and the browsers each test took given back after it.
 */
@ExtendWith(SharedBrowserFixtures.class)
@ResourceLock(BrowserTestsOnTheRunner.ADMIN_APP_RUNNER)
abstract class BrowserTestsOnTheRunner {

    static final String ADMIN_APP_RUNNER = "admin-app-runner";

    static AdminAppRunner app;

    @AfterEach
    void closeTheBrowsers() {
        app.closeBrowsers();
    }
}
