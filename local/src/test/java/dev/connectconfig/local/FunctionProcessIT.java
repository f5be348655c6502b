package dev.connectconfig.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.engines.RepoFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** One function JVM under the real Lambda runtime interface client, driven through the local Runtime API. */
class FunctionProcessIT {

    private final List<String> console = new CopyOnWriteArrayList<>();

    private FunctionProcess probe(String handler, int timeoutSeconds) {
        SamTemplate.LambdaFunction function = new SamTemplate.LambdaFunction("ProbeFunction",
                "local/target/test-classes", handler, timeoutSeconds, 256, Map.of("GREETING", "hello"));
        return new FunctionProcess(function, RepoFiles.root(), LocalRunner.runtimeJars(),
                Map.of("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:1"), (id, line) -> console.add(id + " " + line));
    }

    private static byte[] event(String action) {
        return ("{\"action\": \"" + action + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode json(FunctionProcess.Invocation invocation) {
        return LocalJson.read(invocation.payload());
    }

    @Test
    void theHandlerRunsWithItsEnvironmentContextAndOnlyItsCodeAndTheRuntime() {
        try (FunctionProcess process = probe(ProbeHandler.class.getName() + "::handleRequest", 5)) {
            FunctionProcess.Invocation first = process.invoke(event("echo"));
            assertFalse(first.failed(), first.payloadText());
            JsonNode answer = json(first);
            assertEquals("hello", answer.path("greeting").asText());
            assertEquals("ProbeFunction", answer.path("functionName").asText());
            assertEquals(first.requestId(), answer.path("requestId").asText());
            assertEquals("http://127.0.0.1:1", answer.path("endpoint").asText());
            long remaining = answer.path("remainingMillis").asLong();
            assertTrue(remaining > 0 && remaining <= 5000, "the deadline is the function's timeout: " + remaining);
            List<String> classPath = List.of(answer.path("classPath").asText().split(java.io.File.pathSeparator));
            assertEquals(Path.of("local/target/test-classes"), RepoFiles.root().relativize(Path.of(classPath.get(0))));
            assertTrue(classPath.subList(1, classPath.size()).stream().allMatch(entry -> entry.contains("lambda-runtime")),
                    classPath.toString());
            assertTrue(first.log().contains("probe received echo"), first.log().toString());
            assertTrue(console.contains("ProbeFunction probe received echo"));

            FunctionProcess.Invocation second = process.invoke(event("echo"));
            assertEquals(answer.path("pid").asLong(), json(second).path("pid").asLong(), "kept warm");
            assertEquals(1, second.log().stream().filter(line -> line.equals("probe received echo")).count(),
                    "each invocation has its own log: " + second.log());
            assertTrue(second.log().get(0).equals("START RequestId: " + second.requestId() + " Version: $LATEST"),
                    second.log().toString());
            assertTrue(second.log().get(second.log().size() - 1).startsWith("REPORT RequestId: "
                    + second.requestId()), second.log().toString());
        }
    }

    @Test
    void anExceptionIsTheInvocationsErrorAndTheJvmStaysWarm() {
        try (FunctionProcess process = probe(ProbeHandler.class.getName() + "::handleRequest", 5)) {
            long pid = json(process.invoke(event("echo"))).path("pid").asLong();
            FunctionProcess.Invocation failed = process.invoke(event("fail"));
            assertTrue(failed.failed());
            assertEquals("refused on purpose", json(failed).path("errorMessage").asText());
            assertEquals("java.lang.IllegalStateException", json(failed).path("errorType").asText());
            assertEquals(pid, json(process.invoke(event("echo"))).path("pid").asLong());
        }
    }

    @Test
    void aTimeoutStopsTheJvmAndTheNextEventGetsAFreshOne() {
        try (FunctionProcess process = probe(ProbeHandler.class.getName() + "::handleRequest", 1)) {
            long pid = json(process.invoke(event("echo"))).path("pid").asLong();
            FunctionProcess.Invocation timedOut = process.invoke(event("sleep"));
            assertTrue(timedOut.failed());
            assertTrue(json(timedOut).path("errorMessage").asText().endsWith("Task timed out after 1.00 seconds"),
                    timedOut.payloadText());
            assertTrue(timedOut.log().stream().anyMatch(line -> line.contains("Task timed out")), "said in the log");
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the old JVM is gone");
            FunctionProcess.Invocation next = process.invoke(event("echo"));
            assertFalse(next.failed(), next.payloadText());
            assertNotEquals(pid, json(next).path("pid").asLong());
        }
    }

    @Test
    void aJvmThatDiesFailsTheInvocationAndIsReplaced() {
        try (FunctionProcess process = probe(ProbeHandler.class.getName() + "::handleRequest", 5)) {
            FunctionProcess.Invocation died = process.invoke(event("exit"));
            assertTrue(died.failed());
            assertEquals("Runtime.ExitError", json(died).path("errorType").asText(), died.payloadText());
            assertFalse(process.invoke(event("echo")).failed());
        }
    }

    @Test
    void aHandlerClassThatIsMissingIsReportedByTheRuntime() {
        try (FunctionProcess process = probe("dev.connectconfig.local.NoSuchHandler::handleRequest", 5)) {
            FunctionProcess.Invocation failed = process.invoke(event("echo"));
            assertTrue(failed.failed());
            assertTrue(failed.payloadText().contains("NoSuchHandler"), failed.payloadText());
        }
    }

    @Test
    void jvmsStartingTogetherEachLoadTheRuntimeClientsNativeLibraryWhole() throws Exception {
        // Left to the runtime client, each JVM rewrote one file in /tmp as it started, and JVMs starting together
        // loaded it half-written: SIGBUS, exit 134, about one in two of eight here.
        List<FunctionProcess> processes = java.util.stream.IntStream.range(0, 8)
                .mapToObj(i -> probe(ProbeHandler.class.getName() + "::handleRequest", 30)).toList();
        try (var starts = java.util.concurrent.Executors.newFixedThreadPool(processes.size())) {
            List<java.util.concurrent.Future<FunctionProcess.Invocation>> invocations = processes.stream()
                    .map(process -> starts.submit(() -> process.invoke(event("echo")))).toList();
            java.util.Set<String> libraries = new java.util.HashSet<>();
            for (java.util.concurrent.Future<FunctionProcess.Invocation> invocation : invocations) {
                FunctionProcess.Invocation done = invocation.get();
                assertFalse(done.failed(), done.payloadText());
                libraries.add(json(done).path("nativeLibrary").asText());
            }
            assertEquals(1, libraries.size(), "one copy, unpacked once: " + libraries);
            Path library = Path.of(libraries.iterator().next());
            assertTrue(Files.isRegularFile(library) && !library.startsWith(Path.of("/tmp/.libaws-lambda-jni.so")),
                    library.toString());
        } finally {
            processes.forEach(FunctionProcess::close);
        }
    }

    @Test
    void theRuntimeClientJarHasALibraryForEachArchitectureAndCLibraryLambdaRuns() throws Exception {
        Path clientJar = LocalRunner.runtimeJars().stream()
                .filter(jar -> jar.getFileName().toString().startsWith("aws-lambda-java-runtime-interface-client"))
                .findFirst().orElseThrow();
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(clientJar.toFile())) {
            for (String arch : List.of("amd64", "aarch64")) {
                for (boolean musl : List.of(false, true)) {
                    String entry = RuntimeNativeLibrary.entryName(arch, musl);
                    assertTrue(jar.getEntry(entry) != null, clientJar + " has no " + entry);
                }
            }
        }
        assertEquals("jni/libaws-lambda-jni.linux-x86_64.so", RuntimeNativeLibrary.entryName("x86_64", false));
        assertThrows(IllegalStateException.class, () -> RuntimeNativeLibrary.entryName("ppc64le", false));
    }

    @Test
    void aConstructorThatThrowsFailsTheInvocationWithItsMessage() {
        try (FunctionProcess process = probe(BrokenProbeHandler.class.getName() + "::handleRequest", 5)) {
            FunctionProcess.Invocation failed = process.invoke(event("echo"));
            assertTrue(failed.failed());
            assertTrue(failed.payloadText().contains("FLOW_CONFIG_TABLE is not set"), failed.payloadText());
        }
    }
}
