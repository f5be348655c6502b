package dev.connectconfig.getconfig.bench;

import dev.connectconfig.getconfig.bench.ColdStartRun.Program;
import dev.connectconfig.getconfig.bench.ColdStartRun.Result;
import dev.connectconfig.engines.DynamoDbLocal;
import dev.connectconfig.engines.RepoFiles;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The figures {@code bench/get-config.sh} prints; see {@code GetConfigBenchmark}. */
public final class ColdStartBench {

    private static final String FLOW_CONFIG_TABLE = DynamoDbLocal.FLOW_CONFIG_TABLE;

    private final Map<String, String> env = new HashMap<>();
    private final List<Program> programs;
    private final List<String> probeClasspath;
    private final byte[] event;

    public ColdStartBench(URI dynamoDb, Path getConfigJar, Path testClasses, List<String> testClasspath)
            throws Exception {
        event = Files.readAllBytes(RepoFiles.path("events/get-config/voice-en-us.json"));
        env.putAll(Map.of(
                "PATH", "/usr/local/bin:/usr/bin:/bin",
                "LANG", "en_US.UTF-8",
                "TZ", ":UTC",
                "AWS_EXECUTION_ENV", "AWS_Lambda_java21",
                "AWS_LAMBDA_FUNCTION_NAME", "GetConfigFunction",
                "AWS_LAMBDA_FUNCTION_VERSION", "$LATEST",
                "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024",
                "AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand",
                // As template.yaml's Globals set it for every function.
                "JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1"));
        env.putAll(Map.of(
                "FLOW_CONFIG_TABLE", FLOW_CONFIG_TABLE,
                "AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.toString(),
                "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "bench",
                "AWS_SECRET_ACCESS_KEY", "bench",
                "METRICS_NAMESPACE", "ConnectConfig",
                "POWERTOOLS_SERVICE_NAME", "get-config"));

        // Each program gets what its own Lambda deployment would hold, next to the runtime client's jars.
        List<String> runtime = jars(testClasspath, "aws-lambda-java-runtime-interface-client",
                "aws-lambda-java-serialization", "aws-lambda-java-core", "utils-lite");
        List<String> sdk = new ArrayList<>(jars(testClasspath, "/software/amazon/awssdk/", "/org/reactivestreams/",
                "/org/slf4j/slf4j-api/"));
        sdk.removeIf(jar -> jar.contains("/apache-client/") || jar.contains("/dynamodb-enhanced/")
                || jar.contains("/netty-nio-client/") || jar.contains("/utils-lite/"));
        List<String> floor = concat(runtime, List.of(testClasses.toString()), sdk);
        List<String> naive = concat(runtime, List.of(testClasses.toString()), sdk.stream()
                .filter(jar -> !jar.contains("/url-connection-client/")).toList(),
                jars(testClasspath, "/apache-client/", "/dynamodb-enhanced/", "/org/apache/httpcomponents/",
                        "/commons-logging/", "/commons-codec/", "/com/fasterxml/jackson/core/"));
        programs = List.of(
                new Program("bare JVM (runtime client, no-op handler)", NoOpHandler.class.getName(),
                        concat(runtime, List.of(testClasses.toString())), body -> body.contains("bare")),
                new Program("SDK floor (DynamoDbClient + one GetItem)", SdkFloorHandler.class.getName(), floor,
                        body -> body.contains("\"attributes\":\"") && !body.contains("\"attributes\":\"0\"")),
                new Program("naive (Enhanced Client, Apache, Jackson)", NaiveGetConfigHandler.class.getName(),
                        naive, body -> body.contains("\"Closure\"")),
                new Program("ours (GetConfigHandler, deployed jar)",
                        "dev.connectconfig.getconfig.GetConfigHandler::handleRequest",
                        concat(runtime, List.of(getConfigJar.toString())),
                        body -> body.contains("\"Welcome\"") && !body.contains("\"error\"")));
        probeClasspath = concat(List.of(getConfigJar.toString(), testClasses.toString()),
                jars(testClasspath, "aws-lambda-java-core", "test-support-1.0.0-SNAPSHOT.jar",
                        "shared/test-support/target/classes", "local-engines-1.0.0-SNAPSHOT.jar",
                        "shared/local-engines/target/classes"));
    }

    public void coldStarts(int runs) throws Exception {
        boolean canPin = Files.isExecutable(Path.of("/usr/bin/taskset"));
        boolean[] modes = canPin ? new boolean[] {true, false} : new boolean[] {false};
        Map<Program, Result> classes = new LinkedHashMap<>();
        for (Program program : programs) {
            classes.put(program, ColdStartRun.run(program, event, env, false, true));
        }
        for (boolean pinned : modes) {
            double[][] millis = new double[programs.size()][runs];
            long[][] rss = new long[programs.size()][runs];
            // Interleaved so drift in machine load affects every program alike; round -1 warms the page cache.
            for (int run = -1; run < runs; run++) {
                for (int p = 0; p < programs.size(); p++) {
                    Result result = ColdStartRun.run(programs.get(p), event, env, pinned, false);
                    if (run >= 0) {
                        millis[p][run] = result.millis();
                        rss[p][run] = result.peakRssKib();
                    }
                }
            }
            print(pinned, runs, millis, rss, classes);
        }
    }

    private void print(boolean pinned, int runs, double[][] millis, long[][] rss, Map<Program, Result> classes) {
        System.out.printf("%nCold start, fresh JVM to first answer under the runtime interface client, %s (median"
                + " of %d, JAVA_TOOL_OPTIONS as template.yaml sets it)%n", pinned ? "one CPU (taskset -c 0)"
                : "unpinned", runs);
        System.out.printf("| %-42s | %8s | %8s | %9s | %8s | %8s |%n", "program", "wall", "x floor", "peak RSS",
                "classes", "x ours");
        System.out.println("|---|---|---|---|---|---|");
        double floor = median(millis[1]);
        double ours = median(millis[programs.size() - 1]);
        for (int p = 0; p < programs.size(); p++) {
            double wall = median(millis[p]);
            System.out.printf("| %-42s | %5.0f ms | %7.2fx | %5.0f MiB | %8d | %7.2fx |%n", programs.get(p).label(),
                    wall, wall / floor, median(rss[p]) / 1024.0, classes.get(programs.get(p)).classesLoaded(),
                    wall / ours);
        }
    }

    /**
     * SnapStart's restore path in fresh JVMs on one CPU: the first real call (a cache miss) after construction, with
     * and without priming, against warm misses and hits. Lambda restores a snapshot taken after priming, JIT code
     * included; what this cannot show is the restore itself and the reconnect to DynamoDB after it.
     */
    public void snapStartPath(int runs) throws Exception {
        Map<String, double[]> first = new LinkedHashMap<>();
        first.put("unprimed", new double[runs]);
        first.put("primed", new double[runs]);
        String miss = null;
        String hit = null;
        for (int run = 0; run < runs; run++) {
            for (String mode : first.keySet()) {
                for (String line : probe(mode)) {
                    String[] fields = line.split(" ");
                    switch (fields[0]) {
                        case "FIRST" -> first.get(mode)[run] = Double.parseDouble(fields[2]);
                        case "MISS" -> miss = line;
                        case "HIT" -> hit = line;
                        default -> { }
                    }
                }
            }
        }
        String[] missFields = miss.split(" ");
        String[] hitFields = hit.split(" ");
        double warmMiss = Double.parseDouble(missFields[1]);
        double isolatedMiss = Double.parseDouble(missFields[3]);
        System.out.printf("%nSnapStart path: first call after construction in a fresh JVM (median of %d), against"
                + " warm calls (p50 / p99 of 2,000 misses and 20,000 hits), one CPU%n", runs);
        System.out.println("| call | time | x warm miss (loop p50) | x warm miss (after a pause) |");
        System.out.println("|---|---|---|---|");
        for (Map.Entry<String, double[]> entry : first.entrySet()) {
            double micros = median(entry.getValue());
            System.out.printf("| first call, %s | %.1f ms | %.1fx | %.1fx |%n", entry.getKey().equals("primed")
                    ? "constructed and primed (what a SnapStart restore runs)" : "constructed, not primed",
                    micros / 1e3, micros / warmMiss, micros / isolatedMiss);
        }
        System.out.printf("| warm cache miss (GetItem + render), loop p50 / p99; single after 50 ms, p50 | %s / %s us;"
                + " %s us | 1.0x | |%n", missFields[1], missFields[2], missFields[3]);
        System.out.printf("| warm cache hit, p50 / p99 (20,000 calls) | %s / %s us | | |%n", hitFields[1],
                hitFields[2]);
    }

    private List<String> probe(String mode) throws Exception {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/taskset"))) {
            command.addAll(List.of("taskset", "-c", "0"));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:MaxHeapSize=870m", "-XX:+UseSerialGC", "-cp", String.join(File.pathSeparator, probeClasspath),
                "dev.connectconfig.getconfig.SnapStartProbe", mode));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.redirectErrorStream(true);
        Process process = builder.start();
        List<String> output = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
            }
        }
        if (process.waitFor() != 0 || output.stream().noneMatch(line -> line.startsWith("FIRST"))) {
            throw new IllegalStateException("SnapStart probe failed:\n" + String.join("\n", output));
        }
        return output;
    }

    private static List<String> jars(List<String> classpath, String... fragments) {
        Predicate<String> wanted = entry -> Arrays.stream(fragments).anyMatch(entry::contains);
        return classpath.stream().filter(wanted).toList();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(sorted.length - 1) / 2];
    }

    private static double median(long[] values) {
        return median(Arrays.stream(values).asDoubleStream().toArray());
    }
}
