package dev.connectconfig.local;

import static org.junit.jupiter.api.Assertions.fail;

import dev.connectconfig.engines.DynamoDbLocal;
import dev.connectconfig.engines.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The runner as its own process, started from the built jars as {@code local/run.sh} starts it, and its one-shot
 * commands ({@code invoke}, ...): the one fixture every test of the runner as a process uses.
 */
final class RunnerProcess implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** What a command printed and how it ended. */
    record Command(int status, String out, String err) {
    }

    private final Process process;
    private final Path log;
    private final String api;

    private RunnerProcess(Process process, Path log, String api) {
        this.process = process;
        this.log = log;
        this.api = api;
    }

    /** The command line of the runner with {@code args}. */
    static List<String> java(String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--enable-native-access=ALL-UNNAMED", "-cp",
                RepoFiles.path("local/target/local.jar") + java.io.File.pathSeparator
                        + RepoFiles.path("local/target/lib") + "/*",
                LocalRunner.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Starts a runner serving {@code root} with exactly {@code args} (which name its {@code --port}), its output in
     * {@code log}, and waits until it says it is ready.
     */
    static RunnerProcess start(Path root, Path log, String... args) throws IOException, InterruptedException {
        RunnerProcess runner = launch(root, log, args);
        if (!runner.awaitReady(false)) {
            fail("the runner did not start:\n" + runner.output());
        }
        return runner;
    }

    /**
     * Starts a runner on this repository on a free port with its own data folder in {@code work}. Free ports are
     * picked, then bound: on a machine shared with other builds another process may take one in between, so a start
     * that lost such a race is tried again on new ports.
     */
    static RunnerProcess onFreePorts(Path work, String... extraArgs) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            List<String> args = new ArrayList<>(List.of("--port", Integer.toString(DynamoDbLocal.freePort()),
                    "--data-dir", Files.createTempDirectory(work, "data").toString()));
            args.addAll(List.of(extraArgs));
            RunnerProcess runner = launch(RepoFiles.root(), Files.createTempFile(work, "runner", ".log"),
                    args.toArray(String[]::new));
            if (runner.awaitReady(attempt < 3)) {
                return runner;
            }
        }
    }

    private static RunnerProcess launch(Path root, Path log, String... args) throws IOException {
        String port = "3000";
        for (int i = 0; i + 1 < args.length; i++) {
            if ("--port".equals(args[i])) {
                port = args[i + 1];
            }
        }
        Process process = new ProcessBuilder(java(args)).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new RunnerProcess(process, log, "http://127.0.0.1:" + port);
    }

    /** True once ready; false if it died of a taken port and {@code mayRetry}; fails the test otherwise. */
    private boolean awaitReady(boolean mayRetry) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!output().contains(LocalRunner.READY)) {
            // The runner's own words for a taken port (LocalHttp), or the JDK's where a server binds it directly.
            if (!process.isAlive() && mayRetry && (output().contains("is already in use on 127.0.0.1")
                    || output().contains("Address already in use"))) {
                return false;
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                fail("the runner did not start:\n" + output());
            }
            Thread.sleep(100);
        }
        return true;
    }

    /** Runs a command of the runner in {@code root}, its output kept in files under {@code work}. */
    static Command run(Path root, Path work, Duration limit, String... args) throws Exception {
        Path out = Files.createTempFile(work, "out", ".txt");
        Path err = Files.createTempFile(work, "err", ".txt");
        Process process = new ProcessBuilder(java(args)).directory(root.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(limit.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("the command did not finish within " + limit.toSeconds() + " s: " + String.join(" ", args)
                    + "\n" + Files.readString(err));
        }
        return new Command(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    Process process() {
        return process;
    }

    /** The API's base URL, {@code http://127.0.0.1:<port>}. */
    String api() {
        return api;
    }

    /** Everything it printed so far. */
    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "";
        }
    }

    /** Stops it as Ctrl-C does, and for good if it does not stop. */
    void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process.destroyForcibly();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
