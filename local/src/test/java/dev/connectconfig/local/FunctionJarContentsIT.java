package dev.connectconfig.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.connectconfig.engines.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * Each function's deployed jar (functions/&lt;f&gt;/target/&lt;f&gt;.jar, built by `mvn package`) holds the classes of the
 * shared/ modules it uses and none of the others: the common code is split by who uses it, so an analytics function
 * does not ship the flow-config store and its DynamoDB client, and GetConfig ships no API or platform kit.
 */
class FunctionJarContentsIT {

    private static final List<String> LIBS = List.of("aws-kit", "flow-config-core", "api-kit", "platform-kit",
            "local-engines", "test-support");

    /** The shared/ modules each function uses; every other one must be absent from its jar. */
    private static final Map<String, Set<String>> USES = Map.of(
            "get-config", Set.of("aws-kit", "flow-config-core"),
            "flow-config", Set.of("aws-kit", "flow-config-core", "api-kit"),
            "preview-speech", Set.of("aws-kit", "flow-config-core", "api-kit"),
            "resource-link-creator", Set.of("aws-kit", "platform-kit"),
            "grant-permissions", Set.of("aws-kit", "platform-kit"),
            "users-export", Set.of("aws-kit", "platform-kit"),
            "admin-app", Set.of());

    private static final Set<String> ANALYTICS = Set.of("resource-link-creator", "grant-permissions", "users-export");

    @Test
    void everyFunctionOfTheBuildIsListed() throws IOException {
        Set<String> built = new TreeSet<>();
        try (Stream<Path> functions = Files.list(RepoFiles.path("functions"))) {
            functions.filter(dir -> Files.isRegularFile(dir.resolve("pom.xml")))
                    .forEach(dir -> built.add(dir.getFileName().toString()));
        }
        assertEquals(built, new TreeSet<>(USES.keySet()), "say which shared/ modules a new function uses");
    }

    @Test
    void aJarHoldsTheClassesOfTheModulesItUsesAndNoOthers() throws IOException {
        Map<String, Set<String>> libClasses = new TreeMap<>();
        for (String lib : LIBS) {
            libClasses.put(lib, classesOf(RepoFiles.path("shared/" + lib + "/target/classes")));
            assertFalse(libClasses.get(lib).isEmpty(), lib + " was not compiled");
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Set<String>> function : new TreeMap<>(USES).entrySet()) {
            Set<String> entries = entriesOf(function.getKey());
            for (String lib : LIBS) {
                long held = libClasses.get(lib).stream().filter(entries::contains).count();
                boolean uses = function.getValue().contains(lib);
                if (uses && held == 0) {
                    problems.add(function.getKey() + " uses " + lib + " but its jar holds none of its classes");
                }
                if (!uses && held > 0) {
                    problems.add(function.getKey() + "'s jar holds " + held + " classes of " + lib
                            + ", a module it does not use");
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void analyticsJarsCarryNoDynamoDbClientNorFlowConfigClasses() throws IOException {
        for (String function : ANALYTICS) {
            Set<String> entries = entriesOf(function);
            assertTrue(entries.stream().anyMatch(name -> name.startsWith("software/amazon/awssdk/")),
                    function + ": the jar should hold its SDK clients");
            assertEquals(List.of(), entries.stream()
                    .filter(name -> name.startsWith("software/amazon/awssdk/services/dynamodb/")
                            || name.startsWith("dev/connectconfig/core/model/")
                            || name.startsWith("dev/connectconfig/core/store/"))
                    .limit(5).toList(), function);
        }
    }

    @Test
    void getConfigsJarCarriesNoApiNorPlatformClasses() throws IOException {
        Set<String> entries = entriesOf("get-config");
        assertTrue(entries.contains("dev/connectconfig/core/render/FlowConfigRenderer.class"));
        assertEquals(List.of(), entries.stream()
                .filter(name -> name.startsWith("dev/connectconfig/api/")
                        || name.startsWith("dev/connectconfig/platform/cloudformation/")
                        || name.startsWith("dev/connectconfig/platform/datalake/")
                        || name.startsWith("software/amazon/lambda/powertools/")
                        || name.startsWith("com/amazonaws/services/lambda/runtime/events/")
                        || name.startsWith("software/amazon/awssdk/services/verifiedpermissions/"))
                .limit(5).toList());
    }

    @Test
    void everyFunctionWritesItsMetricsWithTheOneEmfWriterAndCarriesNoMetricsLibrary() throws IOException {
        for (String function : USES.keySet()) {
            Set<String> entries = entriesOf(function);
            assertEquals(!USES.get(function).isEmpty(),
                    entries.contains("dev/connectconfig/aws/telemetry/EmbeddedMetrics.class"), function);
            assertEquals(List.of(), entries.stream()
                    .filter(name -> name.startsWith("software/amazon/lambda/powertools/metrics/")
                            || name.startsWith("software/amazon/cloudwatchlogs/emf/"))
                    .limit(5).toList(), function);
        }
    }

    /** local/run.sh puts every jar of local/target/lib on the runner's class path: no test library may be there. */
    @Test
    void theRunnersClassPathCarriesNoTestLibrary() throws IOException {
        Path lib = RepoFiles.path("local/target/lib");
        assertTrue(Files.isDirectory(lib), lib + " was not built: run mvn package");
        try (Stream<Path> jars = Files.list(lib)) {
            List<String> names = jars.map(jar -> jar.getFileName().toString()).sorted().toList();
            assertTrue(names.stream().anyMatch(name -> name.startsWith("local-engines-")), names.toString());
            assertEquals(List.of(), names.stream().filter(name -> name.matches(
                    "(junit|opentest4j|apiguardian|hamcrest|mockito|objenesis|assertj|test-support|selenium|axe|"
                            + "aws-lambda-java-tests).*")).toList());
        }
    }

    private static Set<String> entriesOf(String function) throws IOException {
        Path jar = RepoFiles.path("functions/" + function + "/target/" + function + ".jar");
        assertTrue(Files.isRegularFile(jar), jar + " was not built: run mvn package");
        Set<String> names = new TreeSet<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            zip.stream().map(ZipEntry::getName).forEach(names::add);
        }
        return names;
    }

    private static Set<String> classesOf(Path classes) throws IOException {
        Set<String> names = new TreeSet<>();
        if (!Files.isDirectory(classes)) {
            return names;
        }
        try (Stream<Path> files = Files.walk(classes)) {
            files.filter(file -> file.toString().endsWith(".class"))
                    .forEach(file -> names.add(classes.relativize(file).toString().replace('\\', '/')));
        }
        return names;
    }
}
