package dev.connectconfig.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;

/**
 * One function's execution environment as Lambda makes it: a JVM of its own with only the deployed jar and the
 * runtime interface client on the class path, the template's environment, started on first use and kept warm. One
 * event at a time, like one Lambda environment, in the order they came; a timed-out or crashed JVM is replaced on the
 * next event. Callers wait on locks, never monitors, so a virtual thread waiting its turn leaves its carrier free.
 */
final class FunctionProcess implements AutoCloseable {

    /** Lambda gives an init 10 s; a loaded 2-core machine starting several JVMs needs more. */
    static final long INIT_TIMEOUT_MILLIS = 60_000;
    private static final String RIC_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** Where the runtime client loads its native library from, when set; otherwise it unpacks it to a fixed path. */
    static final String RIC_NATIVE_LIBRARY_PROPERTY =
            "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    /** One invocation's result: the response (or error document) and the log lines written meanwhile. */
    record Invocation(String requestId, byte[] payload, boolean failed, List<String> log) {

        String payloadText() {
            return new String(payload, StandardCharsets.UTF_8);
        }
    }

    private final SamTemplate.LambdaFunction function;
    private final Path jar;
    private final List<Path> runtimeJars;
    private final Map<String, String> localEnvironment;
    private final BiConsumer<String, String> console;
    private final Path taskRoot;

    /** Fair: events wait their turn in the order they came, as they queue for one Lambda environment. */
    private final ReentrantLock invocationLock = new ReentrantLock(true);
    /** Guards the JVM and its runtime API while they are started or stopped. */
    private final ReentrantLock environmentLock = new ReentrantLock();
    private Process process;
    private RuntimeApi runtimeApi;
    private final List<String> capture = new ArrayList<>();
    private volatile long lastOutputNanos;

    /**
     * {@code localEnvironment} adds what the local engines need (endpoints, credentials) to the template's
     * environment; {@code console} receives every line the JVM writes, with the function's logical id.
     */
    FunctionProcess(SamTemplate.LambdaFunction function, Path repoRoot, List<Path> runtimeJars,
            Map<String, String> localEnvironment, BiConsumer<String, String> console) {
        this.function = function;
        this.jar = repoRoot.resolve(function.codeUri());
        this.runtimeJars = runtimeJars;
        this.localEnvironment = localEnvironment;
        this.console = console;
        try {
            this.taskRoot = Files.createTempDirectory("lambda-task-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    SamTemplate.LambdaFunction function() {
        return function;
    }

    boolean isWarm() {
        environmentLock.lock();
        try {
            return process != null && process.isAlive();
        } finally {
            environmentLock.unlock();
        }
    }

    /** The JVM's process, for callers that check it is gone after a stop. */
    java.util.Optional<ProcessHandle> handle() {
        environmentLock.lock();
        try {
            return process == null ? java.util.Optional.empty() : java.util.Optional.of(process.toHandle());
        } finally {
            environmentLock.unlock();
        }
    }

    /** Runs one event; events for this function wait their turn, as on one Lambda environment. */
    Invocation invoke(byte[] event) {
        return invoke(UUID.randomUUID().toString(), event);
    }

    /** Runs one event under a request id the caller has already given out (an asynchronous invocation's). */
    Invocation invoke(String requestId, byte[] event) {
        invocationLock.lock();
        try {
            return invokeAlone(requestId, event);
        } finally {
            invocationLock.unlock();
        }
    }

    private Invocation invokeAlone(String requestId, byte[] event) {
        synchronized (capture) {
            capture.clear();
        }
        long started = System.nanoTime();
        Invocation invocation = run(requestId, event);
        // Lambda's own lines around each invocation, in the log and the console alike
        report("END RequestId: " + requestId);
        report(String.format(java.util.Locale.ROOT, "REPORT RequestId: %s\tDuration: %.2f ms\tMemory Size: %d MB%s",
                requestId, (System.nanoTime() - started) / 1e6, function.memoryMb(),
                invocation.failed() ? "\tStatus: error" : ""));
        synchronized (capture) {
            return new Invocation(requestId, invocation.payload(), invocation.failed(), List.copyOf(capture));
        }
    }

    private Invocation run(String requestId, byte[] event) {
        Process process;
        RuntimeApi runtimeApi;
        environmentLock.lock();
        try {
            startIfCold();
            process = this.process;
            runtimeApi = this.runtimeApi;
        } catch (IOException | RuntimeException e) {
            return failure(requestId, "Runtime.StartFailed", "The function's JVM could not start: " + e.getMessage());
        } finally {
            environmentLock.unlock();
        }
        long timeoutMillis = function.timeoutSeconds() * 1000L;
        RuntimeApi.Pending pending = new RuntimeApi.Pending(requestId, event,
                "arn:aws:lambda:" + TemplateValues.REGION + ":" + TemplateValues.ACCOUNT_ID + ":function:"
                        + function.logicalId(), timeoutMillis);
        report("START RequestId: " + requestId + " Version: $LATEST");
        runtimeApi.submit(pending);
        try {
            java.util.concurrent.CompletableFuture.anyOf(pending.taken, runtimeApi.initError(), process.onExit())
                    .get(INIT_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            if (runtimeApi.initError().isDone()) {
                String error = new String(runtimeApi.initError().getNow(new byte[0]), StandardCharsets.UTF_8);
                stop();
                return finish(requestId, RuntimeApi.utf8(error.isBlank() ? errorJson("Runtime.InitError",
                        "The function failed to initialise") : error), true);
            }
            if (!pending.taken.isDone()) {
                int status = process.waitFor();
                stop();
                return failure(requestId, "Runtime.ExitError",
                        "The function's JVM exited during init with status " + status + "; its output is above.");
            }
            RuntimeApi.Outcome outcome = pending.outcome.get(timeoutMillis, TimeUnit.MILLISECONDS);
            return finish(requestId, outcome.body(), outcome.error());
        } catch (TimeoutException e) {
            stop();
            if (!pending.taken.isDone()) {
                return failure(requestId, "Runtime.InitTimeout", "The function did not finish its init within "
                        + INIT_TIMEOUT_MILLIS / 1000 + " s.");
            }
            return failure(requestId, "Sandbox.Timedout", Instant.now() + " " + requestId + " Task timed out after "
                    + function.timeoutSeconds() + ".00 seconds");
        } catch (ExecutionException e) {
            stop();
            return failure(requestId, "Runtime.ExitError", "The function's JVM stopped during the invocation ("
                    + e.getCause().getMessage() + ").");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            return failure(requestId, "Runtime.Interrupted", "The invocation was interrupted.");
        }
    }

    private void startIfCold() throws IOException {
        if (isWarm()) {
            return;
        }
        stopLocked();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing; build it with mvn package -DskipTests");
        }
        runtimeApi = new RuntimeApi();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // Lambda's java21 runtime: serial GC and a heap sized from the function's memory.
        command.add("-XX:MaxHeapSize=" + Math.max(64, function.memoryMb() * 85 / 100) + "m");
        command.add("-XX:+UseSerialGC");
        command.add("-Xshare:auto");
        command.add("--enable-native-access=ALL-UNNAMED");
        // Left to itself, every runtime client rewrites /tmp/.libaws-lambda-jni.so as it starts; on Lambda each
        // environment has a /tmp of its own, here JVMs starting together would load a file another is rewriting
        // (SIGBUS, exit 134). Each loads the copy this runner unpacked once instead.
        command.add("-D" + RIC_NATIVE_LIBRARY_PROPERTY + "=" + RuntimeNativeLibrary.path(runtimeJars));
        command.add("-cp");
        List<String> classPath = new ArrayList<>();
        classPath.add(jar.toString());
        runtimeJars.forEach(path -> classPath.add(path.toString()));
        command.add(String.join(java.io.File.pathSeparator, classPath));
        command.add(RIC_MAIN);
        command.add(function.handler());

        ProcessBuilder builder = new ProcessBuilder(command).directory(taskRoot.toFile());
        Map<String, String> environment = builder.environment();
        environment.clear();
        environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment.put("LANG", "en_US.UTF-8");
        environment.put("TZ", ":UTC");
        environment.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        environment.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        environment.put("AWS_LAMBDA_FUNCTION_NAME", function.logicalId());
        environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memoryMb()));
        environment.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + TemplateValues.STACK_NAME + "/"
                + function.logicalId());
        environment.put("AWS_LAMBDA_LOG_STREAM_NAME", "local/" + UUID.randomUUID());
        environment.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        environment.put("_HANDLER", function.handler());
        environment.putAll(function.environment());
        environment.putAll(localEnvironment);
        environment.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.address());
        process = builder.start();
        pipe("stdout", process.getInputStream());
        pipe("stderr", process.getErrorStream());
        RuntimeApi api = runtimeApi;
        process.onExit().thenRun(() -> api.abandonAll("the function's JVM exited"));
    }

    private void report(String line) {
        synchronized (capture) {
            capture.add(line);
        }
        console.accept(function.logicalId(), line);
    }

    private void pipe(String name, InputStream stream) {
        ChildProcessPipes.lines(function.logicalId() + " " + name, stream, line -> {
            lastOutputNanos = System.nanoTime();
            synchronized (capture) {
                capture.add(line);
            }
            console.accept(function.logicalId(), line);
        });
    }

    private Invocation finish(String requestId, byte[] payload, boolean failed) {
        // The handler's last log lines may still be in the pipe when its response arrives: they were written before
        // it, so wait until the pipe has been quiet for 40 ms counted from no earlier than the response. (Counting
        // from the last line read alone ended at once when the reader thread had not yet been scheduled to read
        // them, and the invocation's log lost its last lines under load.)
        long arrived = System.nanoTime();
        long deadline = arrived + TimeUnit.MILLISECONDS.toNanos(300);
        while (System.nanoTime() < deadline
                && System.nanoTime() - Math.max(lastOutputNanos, arrived) < TimeUnit.MILLISECONDS.toNanos(40)) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<String> log;
        synchronized (capture) {
            log = List.copyOf(capture);
        }
        return new Invocation(requestId, payload, failed, log);
    }

    private Invocation failure(String requestId, String type, String message) {
        report("[local runner] " + type + ": " + message);
        return finish(requestId, RuntimeApi.utf8(errorJson(type, message)), true);
    }

    static String errorJson(String type, String message) {
        return LocalJson.write(Map.of("errorType", type, "errorMessage", message));
    }

    /** Stops the JVM (and anything it started); the next event starts a fresh one. */
    void stop() {
        environmentLock.lock();
        try {
            stopLocked();
        } finally {
            environmentLock.unlock();
        }
    }

    private void stopLocked() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        if (runtimeApi != null) {
            runtimeApi.close();
            runtimeApi = null;
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Files.deleteIfExists(taskRoot);
        } catch (IOException e) {
            // a temporary folder; the system cleans it up eventually
        }
    }
}
