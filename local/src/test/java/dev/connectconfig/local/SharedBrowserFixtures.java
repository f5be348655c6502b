package dev.connectconfig.local;

import dev.connectconfig.engines.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The admin-app runners and one pool of Chromium browsers per test JVM, for every browser test class: kept in the
 * root context's store, so JUnit closes them once, after the JVM's last test. A class gets the runner its
 * {@code @ResourceLock} names (one runner per lock, started when first asked for). A {@code @BeforeAll} or
 * {@code @AfterEach} method takes them as parameters ({@code AdminAppRunner}, {@code BrowserPool}); where Chromium is
 * absent, the class is skipped (failed on CI), saying what to install.
 */
final class SharedBrowserFixtures implements ParameterResolver {

    private static final ExtensionContext.Namespace SHARED = ExtensionContext.Namespace.create(
            SharedBrowserFixtures.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == AdminAppRunner.class || type == BrowserPool.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        try {
            AppBrowser.assumeInstalled();
            ExtensionContext.Store store = context.getRoot().getStore(SHARED);
            BrowserPool pool = store.getOrComputeIfAbsent(BrowserPool.class, type -> new BrowserPool(
                    temporaryFolder("browsers")), BrowserPool.class);
            if (parameter.getParameter().getType() == BrowserPool.class) {
                return pool;
            }
            String runner = runnerOf(context.getRequiredTestClass());
            return store.getOrComputeIfAbsent(runner, name -> {
                try {
                    return AdminAppRunner.start(temporaryFolder(name), pool);
                } catch (Exception e) {
                    throw new ParameterResolutionException("the admin app's runner did not start", e);
                }
            }, AdminAppRunner.class);
        } catch (java.io.IOException e) {
            throw new ParameterResolutionException("no folder for the browsers", e);
        }
    }

    /** The runner a class takes turns on: the one its {@code @ResourceLock} names. */
    private static String runnerOf(Class<?> testClass) {
        List<String> runners = AnnotationSupport.findRepeatableAnnotations(testClass, ResourceLock.class).stream()
                .map(ResourceLock::value)
                .filter(lock -> lock.equals(BrowserTestsOnTheRunner.FIRST_RUNNER)
                        || lock.equals(BrowserTestsOnTheRunner.SECOND_RUNNER))
                .toList();
        if (runners.size() != 1) {
            throw new ParameterResolutionException(testClass.getSimpleName() + " must name one admin-app runner with"
                    + " @ResourceLock(BrowserTestsOnTheRunner.FIRST_RUNNER or SECOND_RUNNER), not " + runners);
        }
        return runners.get(0);
    }

    /** A new folder under the module's target/ (cleaned with it), for profiles, data and logs. */
    private static Path temporaryFolder(String name) {
        try {
            Path parent = Files.createDirectories(RepoFiles.path("local/target/shared-fixtures"));
            return Files.createTempDirectory(parent, name);
        } catch (java.io.IOException e) {
            throw new ParameterResolutionException("no temporary folder", e);
        }
    }
}
