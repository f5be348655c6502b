package dev.connectconfig.local;

import dev.connectconfig.engines.RepoFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One admin-app runner and one pool of Chromium browsers per test JVM, for every browser test class: kept in the
 * root context's store, so JUnit closes them once, after the JVM's last test. A {@code @BeforeAll} method takes them
 * as parameters ({@code AdminAppRunner}, {@code BrowserPool}); where Chromium is absent, the class is skipped
 * (failed on CI), saying what to install.
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
            return store.getOrComputeIfAbsent(AdminAppRunner.class, type -> {
                try {
                    return AdminAppRunner.start(temporaryFolder("admin-app-runner"), pool);
                } catch (Exception e) {
                    throw new ParameterResolutionException("the admin app's runner did not start", e);
                }
            }, AdminAppRunner.class);
        } catch (java.io.IOException e) {
            throw new ParameterResolutionException("no folder for the browsers", e);
        }
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
