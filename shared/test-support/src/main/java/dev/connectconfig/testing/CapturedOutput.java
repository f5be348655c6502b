package dev.connectconfig.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * What a call wrote to standard output, where Lambda functions write their JSON log lines and EMF metrics (the
 * project's log4j appender follows {@code System.out}, so it is captured too).
 */
public final class CapturedOutput {

    private CapturedOutput() {
    }

    /** Runs {@code action}, appending everything it printed to {@code captured}, and returns its result. */
    public static synchronized <T> T capture(StringBuilder captured, Supplier<T> action) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            return action.get();
        } finally {
            System.setOut(original);
            captured.append(out.toString(StandardCharsets.UTF_8));
        }
    }
}
