package dev.connectconfig.getconfig;

import dev.connectconfig.engines.RepoFiles;
import dev.connectconfig.testing.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;

/**
 * SnapStart's restore path in one fresh JVM, run by the benchmark: build the handler as Lambda does, prime it as
 * {@code beforeCheckpoint} does before the snapshot (or not: {@code unprimed}), then time the first real call, a
 * cache miss against DynamoDB Local, and warm misses and hits after it: in a tight loop, and single misses after a
 * short pause as a first call comes. Prints {@code FIRST}, {@code MISS} and {@code HIT} lines in microseconds.
 */
public final class SnapStartProbe {

    private SnapStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        boolean primed = "primed".equals(args[0]);
        byte[] event = Files.readAllBytes(RepoFiles.path("events/get-config/voice-en-us.json"));
        PrintStream report = System.out;
        // The handler's log lines and metrics would dwarf the figures; they go nowhere here.
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));

        GetConfigHandler handler = new GetConfigHandler();
        if (primed) {
            handler.beforeCheckpoint(null);
        }
        double first = call(handler, event);
        report.printf("FIRST %s %.0f%n", args[0], first);
        if (primed) {
            GetConfigHandler uncached = new GetConfigHandler(GetConfigService.create(null,
                    System.getenv("FLOW_CONFIG_TABLE"), Duration.ZERO));
            double[] misses = calls(uncached, event, 2_000);
            double[] hits = calls(handler, event, 20_000);
            // A first call follows a pause (the restore); so does each of these, so both see the same idle effects.
            double[] isolated = new double[21];
            for (int i = 0; i < isolated.length; i++) {
                Thread.sleep(50);
                isolated[i] = call(uncached, event);
            }
            report.printf("MISS %.0f %.0f %.0f%n", percentile(misses, 50), percentile(misses, 99),
                    percentile(isolated, 50));
            report.printf("HIT %.1f %.1f%n", percentile(hits, 50), percentile(hits, 99));
        }
        System.exit(0);
    }

    private static double call(GetConfigHandler handler, byte[] event) throws Exception {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        TestContext context = new TestContext("GetConfigFunction"); // the runtime's work, not the handler's
        long start = System.nanoTime();
        handler.handleRequest(new ByteArrayInputStream(event), answer, context);
        double micros = (System.nanoTime() - start) / 1e3;
        if (!answer.toString(java.nio.charset.StandardCharsets.UTF_8).contains("\"Welcome\"")) {
            throw new IllegalStateException("wrong answer: " + answer);
        }
        return micros;
    }

    /** Warm-up calls, then {@code count} timed ones. */
    private static double[] calls(GetConfigHandler handler, byte[] event, int count) throws Exception {
        for (int i = 0; i < count; i++) {
            call(handler, event);
        }
        double[] micros = new double[count];
        for (int i = 0; i < count; i++) {
            micros[i] = call(handler, event);
        }
        return micros;
    }

    static double percentile(double[] values, double percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
