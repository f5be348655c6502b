package dev.connectconfig.local;

import static org.junit.jupiter.api.Assertions.fail;

import dev.connectconfig.engines.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The runner started as its own process from the built jars, as {@code local/run.sh} starts it, and its commands. */
final class RunnerProcesses {

    static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    /** A runner process and the file its output goes to. */
    record Runner(Process process, Path log) {

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
    }

    /** What a command printed and how it ended. */
    record Command(int status, String out, String err) {
    }

    private RunnerProcesses() {
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

    /** Starts a runner in {@code root} (the repository it serves) and waits until it says it is ready. */
    static Runner start(Path root, Path log, String... args) throws Exception {
        Process process = new ProcessBuilder(java(args)).directory(root.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Runner started = new Runner(process, log);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!started.output().contains(LocalRunner.READY)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                fail("the runner did not start:\n" + started.output());
            }
            Thread.sleep(100);
        }
        return started;
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
}
