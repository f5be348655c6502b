package dev.connectconfig.testing;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tools a test needs that are not Maven artifacts (Chromium, espeak-ng, the SAM translator, cfn-lint, ...). On a
 * user's machine a test without them is skipped, saying what to install; on CI (the {@code CI} environment variable
 * set, as {@code .ci/run} runs) nothing CI is meant to run may skip, so the test fails naming what is missing.
 */
public final class RequiredTools {

    private RequiredTools() {
    }

    /** True where every tool must be present: CI. */
    public static boolean required() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !"false".equalsIgnoreCase(ci);
    }

    /** Goes on where {@code present}; otherwise fails on CI or skips elsewhere, saying {@code missing}. */
    public static void require(boolean present, String missing) {
        if (present) {
            return;
        }
        if (required()) {
            fail("CI must run this test, but " + missing);
        }
        assumeTrue(false, "skipped: " + missing);
    }
}
