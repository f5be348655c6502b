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

/** The runner as its own process on free ports with its own data folder, for the admin app's browser tests. */
record LocalRunnerProcess(Process process, String api, Path log) implements AutoCloseable {

    /**
     * Starts a runner and waits until it is ready. Free ports are picked, then bound: on a machine shared with other
     * builds another process may take one in between, so a start that lost such a race is tried again on new ports.
     */
    static LocalRunnerProcess start(Path work, String... extraArgs) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            int port = DynamoDbLocal.freePort();
            Path log = work.resolve("runner-" + attempt + ".log");
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "--enable-native-access=ALL-UNNAMED", "-cp", RepoFiles.path("local/target/local.jar")
                            + java.io.File.pathSeparator + RepoFiles.path("local/target/lib") + "/*",
                    LocalRunner.class.getName(), "--port", Integer.toString(port), "--data-dir",
                    work.resolve("data-" + attempt).toString()));
            command.addAll(List.of(extraArgs));
            Process started = new ProcessBuilder(command).directory(RepoFiles.root().toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            while (!Files.readString(log).contains(LocalRunner.READY)) {
                if (!started.isAlive() && attempt < 3 && Files.readString(log).contains("Address already in use")) {
                    break;
                }
                if (!started.isAlive() || System.nanoTime() > deadline) {
                    started.destroyForcibly();
                    fail("the runner did not start:\n" + Files.readString(log));
                }
                Thread.sleep(100);
            }
            if (started.isAlive()) {
                return new LocalRunnerProcess(started, "http://127.0.0.1:" + port, log);
            }
        }
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
