package dev.connectconfig.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.engines.RepoFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The deployed jars in JVMs of their own, as Lambda runs them: a container's first invocation emits the ColdStart
 * metric and logs {@code cold_start: true}; its second does neither. (Each JVM is a fresh container, so this can only
 * be seen across processes, not in a test JVM that has already run a handler.)
 */
class ColdStartMetricIT {

    @TempDir
    static Path data;
    private static LocalSystem system;

    @BeforeAll
    static void start() {
        system = LocalSystem.start(RepoFiles.root(), data, false, 0, false, Map.of(), LocalRunner.runtimeJars(),
                line -> { }, (function, line) -> { });
    }

    @AfterAll
    static void stop() {
        system.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "FlowConfigFunction, events/flow-config/list.json",
            "PreviewSpeechFunction, events/preview-speech/no-claims.json",
            "UsersExportFunction, events/users-export/schedule.json"})
    void theFirstInvocationOfAContainerEmitsColdStartAndTheSecondDoesNot(String functionId, String event) {
        SamTemplate.LambdaFunction function = system.template().function(functionId).orElseThrow();
        byte[] body = RepoFiles.text(event).getBytes(java.nio.charset.StandardCharsets.UTF_8);

        List<String> first = system.invoke(function, body).invocation().log();
        List<String> second = system.invoke(function, body).invocation().log();

        assertEquals(1, coldStartMetrics(first), "one ColdStart metric on the first call: " + first);
        assertTrue(first.stream().anyMatch(line -> line.contains("\"cold_start\":true")), first.toString());
        assertEquals(0, coldStartMetrics(second), "none on the second: " + second);
        assertTrue(second.stream().noneMatch(line -> line.contains("\"cold_start\":true")), second.toString());
    }

    private static long coldStartMetrics(List<String> log) {
        return log.stream().filter(line -> line.contains("\"ColdStart\":1")).count();
    }
}
