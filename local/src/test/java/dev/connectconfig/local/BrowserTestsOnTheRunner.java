package dev.connectconfig.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What every admin-app browser test class shares: one of the test JVM's two admin-app runners and its browser pool
 * (its {@code @BeforeAll} takes the {@link AdminAppRunner} and adds the data it needs, under ids of its own), and the
 * browsers each test took given back after it. A class names its runner with {@code @ResourceLock(FIRST_RUNNER)} or
 * {@code @ResourceLock(SECOND_RUNNER)}: the classes on one runner take turns on it, the two runners' classes run side
 * by side, and each class keeps its runner in a static field of its own.
 */
@ExtendWith(SharedBrowserFixtures.class)
abstract class BrowserTestsOnTheRunner {

    static final String FIRST_RUNNER = "admin-app-runner";
    static final String SECOND_RUNNER = "admin-app-runner-2";

    @AfterEach
    void closeTheBrowsers(AdminAppRunner runner) {
        runner.closeBrowsers();
    }
}
