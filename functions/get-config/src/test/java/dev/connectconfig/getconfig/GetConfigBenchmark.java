package dev.connectconfig.getconfig;

import dev.connectconfig.testing.DynamoDbLocal;
import dev.connectconfig.testing.RepoFiles;
import dev.connectconfig.testing.TestContext;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/**
 * GetConfig's cold start as a whole fresh process (JVM start to first answer against DynamoDB Local), next to a bare
 * JVM's start measured in the same run, and warm-call latency for cache hits and misses next to a plain DynamoDB
 * GetItem. Run by {@code bench/get-config.sh}; not part of the test suite.
 */
public final class GetConfigBenchmark {

    private GetConfigBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String handlerJar = args[0];
        String probeClasspath = args[1];
        int coldRuns = args.length > 2 ? Integer.parseInt(args[2]) : 7;
        try (DynamoDbLocal dynamoDb = DynamoDbLocal.start()) {
            dynamoDb.seedSamples();
            coldStarts(dynamoDb, handlerJar + File.pathSeparator + probeClasspath, coldRuns);
            warmCalls(dynamoDb);
        }
        // DynamoDB Local leaves non-daemon threads behind that keep the JVM up for minutes after it stops.
        System.exit(0);
    }

    private static final class File {
        static final String pathSeparator = java.io.File.pathSeparator;
    }

    private static void coldStarts(DynamoDbLocal dynamoDb, String classpath, int runs) throws Exception {
        String event = RepoFiles.path("events/get-config/voice-en-us.json").toString();
        Map<String, String> env = Map.of(
                "FLOW_CONFIG_TABLE", DynamoDbLocal.FLOW_CONFIG_TABLE,
                "AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint().toString(),
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "bench",
                "AWS_SECRET_ACCESS_KEY", "bench",
                "AWS_EMF_ENVIRONMENT", "Local",
                "POWERTOOLS_METRICS_NAMESPACE", "ConnectConfig",
                "POWERTOOLS_SERVICE_NAME", "get-config");
        String[] modes = {"bare", "service", "handler"};
        double[][] millis = new double[modes.length][runs];
        // Interleave the modes so drift in machine load affects them alike; the first round warms the page cache.
        for (int run = -1; run < runs; run++) {
            for (int m = 0; m < modes.length; m++) {
                double took = startProcess(classpath, env, modes[m], event);
                if (run >= 0) {
                    millis[m][run] = took;
                }
            }
        }
        double bare = median(millis[0]);
        System.out.printf("%nCold start, JVM start to first answer (median of %d fresh processes each, JVM flags as"
                + " in template.yaml: -XX:TieredStopAtLevel=1)%n", runs);
        System.out.printf("  %-52s %8s %10s%n", "", "median", "x bare JVM");
        String[] labels = {"bare JVM (prints a line and exits)", "GetConfig without Powertools (service only)",
                "GetConfig handler (Powertools logging + metrics)"};
        for (int m = 0; m < modes.length; m++) {
            System.out.printf("  %-52s %6.0f ms %9.2fx%n", labels[m], median(millis[m]), median(millis[m]) / bare);
        }
        System.out.printf("  Powertools adds %.0f ms to the cold start (handler - service).%n",
                median(millis[2]) - median(millis[1]));
    }

    private static double startProcess(String classpath, Map<String, String> env, String mode, String event)
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, ColdStartProbe.class.getName(), mode, event);
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        long start = System.nanoTime();
        Process process = builder.start();
        List<String> output = new ArrayList<>();
        double took = -1;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("ANSWERED")) {
                    took = (System.nanoTime() - start) / 1e6;
                }
                output.add(line);
            }
        }
        if (process.waitFor() != 0 || took < 0) {
            throw new IllegalStateException("probe " + mode + " failed:\n" + String.join("\n", output));
        }
        return took;
    }

    private static void warmCalls(DynamoDbLocal dynamoDb) {
        GetConfigHandler cached = new GetConfigHandler(GetConfigService.create(dynamoDb.endpoint(),
                DynamoDbLocal.FLOW_CONFIG_TABLE, Duration.ofSeconds(45)));
        GetConfigHandler uncached = new GetConfigHandler(GetConfigService.create(dynamoDb.endpoint(),
                DynamoDbLocal.FLOW_CONFIG_TABLE, Duration.ZERO));
        Map<String, Object> event = RepoFiles.eventMap("events/get-config/voice-en-us.json");
        TestContext context = new TestContext("GetConfig");
        GetItemRequest getItem = GetItemRequest.builder().tableName(DynamoDbLocal.FLOW_CONFIG_TABLE)
                .key(Map.of("id", AttributeValue.fromS("main-queue"))).consistentRead(true).build();

        java.io.PrintStream out = System.out;
        // The handler logs a JSON line and an EMF blob per call; keep them out of the figures' output.
        System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
        double[] getItemMicros;
        double[] hitMicros;
        double[] missMicros;
        try {
            getItemMicros = latencies(2_000, () -> dynamoDb.client().getItem(getItem));
            hitMicros = latencies(20_000, () -> cached.handleRequest(event, context));
            missMicros = latencies(2_000, () -> uncached.handleRequest(event, context));
        } finally {
            System.setOut(out);
        }
        double baseline = percentile(getItemMicros, 50);
        System.out.printf("%nWarm calls in one JVM (after warm-up), against DynamoDB Local on loopback%n");
        System.out.printf("  %-44s %10s %10s %14s%n", "", "p50", "p99", "p50 x GetItem");
        row("plain DynamoDB GetItem (baseline)", getItemMicros, baseline);
        row("GetConfig, cache hit", hitMicros, baseline);
        row("GetConfig, cache miss (GetItem + render)", missMicros, baseline);
    }

    private static void row(String label, double[] micros, double baseline) {
        System.out.printf("  %-44s %7.1f us %7.1f us %13.2fx%n", label, percentile(micros, 50),
                percentile(micros, 99), percentile(micros, 50) / baseline);
    }

    private static double[] latencies(int calls, Supplier<?> call) {
        for (int i = 0; i < calls; i++) {
            call.get();
        }
        double[] micros = new double[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            call.get();
            micros[i] = (System.nanoTime() - start) / 1e3;
        }
        return micros;
    }

    private static double median(double[] values) {
        return percentile(values, 50);
    }

    private static double percentile(double[] values, double percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
