package dev.connectconfig.getconfig.bench;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One fresh JVM started the way Lambda's Java runtime starts a function: the real runtime interface client
 * ({@code AWSLambda} main) with the handler name, Lambda's JVM flags and environment, against
 * {@link OneEventRuntimeApi}. Measures JVM start to the posted answer, peak RSS and, when asked, classes loaded.
 */
public final class ColdStartRun {

    static final String RUNTIME_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    /** A program under test: its label, handler, class path and how to tell its answer is right (null: any). */
    public record Program(String label, String handler, List<String> classpath, Predicate<String> answerIsRight) {
    }

    /** @param answer what the function posted, or the error document the runtime client posted for it */
    public record Result(double millis, long peakRssKib, int classesLoaded, String answer, boolean error) {
    }

    private ColdStartRun() {
    }

    public static Result run(Program program, byte[] event, Map<String, String> env, boolean pinned, boolean countClasses)
            throws Exception {
        Path taskRoot = Files.createTempDirectory("lambda-task");
        Path classLog = taskRoot.resolve("classes.log");
        try (OneEventRuntimeApi api = new OneEventRuntimeApi(event)) {
            List<String> command = new ArrayList<>();
            if (pinned) {
                command.addAll(List.of("taskset", "-c", "0"));
            }
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            // Lambda's java21 runtime: serial GC, heap from the function's memory (1024 MB), the default CDS archive.
            command.addAll(List.of("-XX:MaxHeapSize=870m", "-XX:+UseSerialGC", "-Xshare:auto",
                    "--enable-native-access=ALL-UNNAMED"));
            if (countClasses) {
                command.add("-Xlog:class+load:file=" + classLog);
            }
            command.addAll(List.of("-cp", String.join(File.pathSeparator, program.classpath()), RUNTIME_MAIN,
                    program.handler()));
            ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile());
            builder.environment().putAll(env);
            builder.environment().put("AWS_LAMBDA_RUNTIME_API", api.address());
            builder.environment().put("_HANDLER", program.handler());
            builder.environment().put("LAMBDA_TASK_ROOT", taskRoot.toString());
            builder.redirectErrorStream(true);
            Path output = taskRoot.resolve("output.log");
            builder.redirectOutput(output.toFile());
            long start = System.nanoTime();
            Process process = builder.start();
            try {
                OneEventRuntimeApi.Answer answer = api.answer().get(60, TimeUnit.SECONDS);
                long rss = peakRssKib(process.pid());
                String body = new String(answer.body(), StandardCharsets.UTF_8);
                if (program.answerIsRight() != null && (answer.error() || !program.answerIsRight().test(body))) {
                    throw new IllegalStateException(program.label() + " answered wrongly: " + body + "\n"
                            + Files.readString(output));
                }
                double millis = (answer.arrivedNanos() - start) / 1e6;
                process.destroyForcibly().waitFor();
                int classes = -1;
                if (countClasses) {
                    // kept for a look at what loads: target/bench/<handler>.classes.log
                    Path kept = Path.of("target", "bench", program.handler().replaceAll("\\W", "_") + ".classes.log");
                    Files.createDirectories(kept.getParent());
                    Files.copy(classLog, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    classes = (int) Files.readAllLines(classLog).stream()
                            .filter(line -> line.contains("source:")).count();
                }
                return new Result(millis, rss, classes, body, answer.error());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException(program.label() + " never answered:\n" + Files.readString(output), e);
            } finally {
                process.destroyForcibly().waitFor();
            }
        } finally {
            try (var files = Files.walk(taskRoot)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** VmHWM of a live process: its peak resident set so far. */
    private static long peakRssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
