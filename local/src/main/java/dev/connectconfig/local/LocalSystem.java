package dev.connectconfig.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.connectconfig.engines.CedarFlowConfigAuthorizer;
import dev.connectconfig.engines.CloudFormationTemplate;
import dev.connectconfig.engines.DynamoDbLocal;
import dev.connectconfig.engines.RefusedPort;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Everything the functions reach, started locally: DynamoDB Local with the template's tables and the sample configs
 * (data kept in the data folder), Verified Permissions and Polly endpoints, a refusing endpoint for services with
 * no local engine, and one JVM per function, started on its first event and kept warm.
 */
final class LocalSystem implements AutoCloseable {

    /**
     * Template parameters the runner sets unless told otherwise: a saved change reaches GetConfig at once, and the
     * analytics functions, which exist only with EnableAnalytics, get the environment they would have deployed.
     */
    static final Map<String, String> LOCAL_PARAMETERS = Map.of("CacheTtlSeconds", "0", "EnableAnalytics", "true",
            "AdminAppSignIn", "local-login");

    /** The data folder is in use by another runner; {@code apiUrl} is where it listens, if it said. */
    static final class DataFolderBusyException extends RuntimeException {
        final Optional<String> apiUrl;

        DataFolderBusyException(Path folder, Optional<String> apiUrl) {
            super("Another local runner is using " + folder + apiUrl.map(url -> " (API at " + url + ")").orElse("")
                    + ": stop it first, or give this one its own --data-dir.");
            this.apiUrl = apiUrl;
        }
    }

    /** One invocation as the runner reports it; {@code cloudFormation} is the custom-resource response, if any. */
    record Result(FunctionProcess.Invocation invocation, boolean customResource, Optional<JsonNode> cloudFormation) {

        /**
         * The function errored, or a custom resource answered CloudFormation FAILED or not at all (as it does for an
         * event that names another stack: CloudFormation would wait for an answer until its own timeout).
         */
        boolean failed() {
            return invocation.failed() || unanswered() || cloudFormation
                    .map(body -> "FAILED".equals(body.path("Status").asText())).orElse(false);
        }

        /** A custom-resource event the function sent no response for. */
        boolean unanswered() {
            return customResource && cloudFormation.isEmpty();
        }
    }

    private final Path dataFolder;
    private final SamTemplate template;
    private final FileChannel lockChannel;
    private final List<AutoCloseable> engines = new ArrayList<>();
    private final Map<String, FunctionProcess> processes = new ConcurrentHashMap<>();
    private final Map<String, String> functionEnvironment = new LinkedHashMap<>();
    private final BiConsumer<String, String> functionOutput;
    private final Path repoRoot;
    private final List<Path> runtimeJars;
    private DynamoDbLocal dynamoDb;
    private VerifiedPermissionsEndpoint permissions;
    private PollyEndpoint polly;
    private CloudFormationResponses cloudFormation;
    private List<String> seeded = List.of();

    private LocalSystem(Path repoRoot, Path dataFolder, SamTemplate template, FileChannel lockChannel,
            List<Path> runtimeJars, BiConsumer<String, String> functionOutput) {
        this.repoRoot = repoRoot;
        this.dataFolder = dataFolder;
        this.template = template;
        this.lockChannel = lockChannel;
        this.runtimeJars = runtimeJars;
        this.functionOutput = functionOutput;
    }

    /**
     * Starts the local engines over {@code dataFolder} ({@code reset} empties it first). {@code dynamoDbPort} 0
     * picks a free port; {@code speechEngine} false leaves Polly unreachable even where espeak-ng is installed;
     * {@code console} gets the runner's notes, {@code functionOutput} every function's output.
     */
    static LocalSystem start(Path repoRoot, Path dataFolder, boolean reset, int dynamoDbPort, boolean speechEngine,
            Map<String, String> parameters, List<Path> runtimeJars, Consumer<String> console,
            BiConsumer<String, String> functionOutput) {
        FileChannel lock = lock(dataFolder, reset);
        SamTemplate template = template(repoRoot, parameters);
        LocalSystem system = new LocalSystem(repoRoot, dataFolder, template, lock, runtimeJars, functionOutput);
        try {
            system.startEngines(dynamoDbPort, speechEngine, console);
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    /** The repository's template as the runner reads it: {@link #LOCAL_PARAMETERS}, then {@code parameters}. */
    static SamTemplate template(Path repoRoot, Map<String, String> parameters) {
        CloudFormationTemplate cloudFormation = CloudFormationTemplate.load(repoRoot.resolve("template.yaml"));
        Map<String, String> overrides = new LinkedHashMap<>();
        LOCAL_PARAMETERS.forEach((name, value) -> {
            if (CloudFormationTemplate.at(cloudFormation.root(), "Parameters", name) != null) {
                overrides.put(name, value);
            }
        });
        overrides.putAll(parameters);
        return new SamTemplate(cloudFormation, new TemplateValues(cloudFormation, overrides));
    }

    private void startEngines(int dynamoDbPort, boolean speechEngine, Consumer<String> console) {
        int port = dynamoDbPort == 0 ? DynamoDbLocal.freePort() : requireFree("DynamoDB Local", dynamoDbPort);
        dynamoDb = DynamoDbLocal.start(port, "-dbPath", folder("dynamodb").toString());
        engines.add(dynamoDb);
        if (dynamoDb.createdTables().contains(DynamoDbLocal.FLOW_CONFIG_TABLE)) {
            seeded = dynamoDb.seedSamples().stream().map(config -> config.id()).toList();
        }
        permissions = new VerifiedPermissionsEndpoint(new CedarFlowConfigAuthorizer(), TemplateValues.POLICY_STORE_ID,
                0);
        engines.add(permissions);
        NoLocalEngineEndpoint noEngine = new NoLocalEngineEndpoint(console);
        engines.add(noEngine);
        cloudFormation = new CloudFormationResponses();
        engines.add(cloudFormation);
        Optional<SpeechEngine> speech = speechEngine ? SpeechEngine.find() : Optional.empty();
        polly = speech.map(engine -> new PollyEndpoint(engine, 0, console)).orElse(null);
        String pollyUrl;
        if (polly != null) {
            engines.add(polly);
            pollyUrl = polly.url();
        } else {
            // Without a speech engine Polly is unreachable, as it is offline: connections to this port are refused.
            RefusedPort unreachable = new RefusedPort();
            engines.add(unreachable);
            pollyUrl = unreachable.endpoint().toString();
        }

        functionEnvironment.put("AWS_REGION", TemplateValues.REGION);
        functionEnvironment.put("AWS_DEFAULT_REGION", TemplateValues.REGION);
        functionEnvironment.put("AWS_ACCESS_KEY_ID", "local");
        functionEnvironment.put("AWS_SECRET_ACCESS_KEY", "local");
        functionEnvironment.put("AWS_EC2_METADATA_DISABLED", "true");
        // Every SDK client the handlers build has no endpoint override, so these variables reach them all; any
        // service not named here goes to the refusing endpoint instead of AWS.
        functionEnvironment.put("AWS_ENDPOINT_URL", noEngine.url());
        functionEnvironment.put("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.endpoint().toString());
        functionEnvironment.put("AWS_ENDPOINT_URL_VERIFIEDPERMISSIONS", permissions.url());
        functionEnvironment.put("AWS_ENDPOINT_URL_POLLY", pollyUrl);
        // The runner stands in for CloudFormation: its DescribeStackResource, and the response URL's origin, which
        // only the runner ever sets (template.yaml never does; a deployed function answers CloudFormation's S3 URLs).
        functionEnvironment.put("AWS_ENDPOINT_URL_CLOUDFORMATION", cloudFormation.describeEndpoint());
        functionEnvironment.put("LOCAL_RUNNER_RESPONSE_ORIGIN", cloudFormation.responseOrigin());
    }

    SamTemplate template() {
        return template;
    }

    Path dataFolder() {
        return dataFolder;
    }

    String dynamoDbEndpoint() {
        return dynamoDb.endpoint().toString();
    }

    String permissionsEndpoint() {
        return permissions.url();
    }

    Optional<PollyEndpoint> polly() {
        return Optional.ofNullable(polly);
    }

    /** Config ids loaded from events/flow-configs/ on this start (empty when the table already existed). */
    List<String> seeded() {
        return seeded;
    }

    /** Runs one event through the function, as {@code sam local invoke} does. */
    Result invoke(SamTemplate.LambdaFunction function, byte[] event) {
        return invoke(function, java.util.UUID.randomUUID().toString(), event);
    }

    /** Runs one event under {@code requestId}, the id the function's context and log lines then carry. */
    Result invoke(SamTemplate.LambdaFunction function, String requestId, byte[] event) {
        Optional<Map.Entry<String, byte[]>> customResource = cloudFormation.redirect(event);
        FunctionProcess process = processes.computeIfAbsent(function.logicalId(), id -> new FunctionProcess(function,
                repoRoot, runtimeJars, functionEnvironment, functionOutput));
        FunctionProcess.Invocation invocation = process.invoke(requestId,
                customResource.map(Map.Entry::getValue).orElse(event));
        return new Result(invocation, customResource.isPresent(),
                customResource.flatMap(slot -> cloudFormation.await(slot.getKey())));
    }

    /** A line of the runner's about one function, printed with that function's output. */
    void report(SamTemplate.LambdaFunction function, String line) {
        functionOutput.accept(function.logicalId(), line);
    }

    /** The JVMs currently running a function. */
    List<ProcessHandle> functionProcesses() {
        return processes.values().stream().flatMap(process -> process.handle().stream())
                .filter(ProcessHandle::isAlive).toList();
    }

    /** Tells later runners and {@code invoke} where this one's API listens. */
    void announce(String apiUrl) {
        try {
            Files.writeString(dataFolder.resolve("runner.json"), LocalJson.write(Map.of("apiUrl", apiUrl,
                    "pid", ProcessHandle.current().pid())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path folder(String name) {
        Path folder = dataFolder.resolve(name);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /** One runner per data folder: DynamoDB Local's files must not be opened twice. */
    private static FileChannel lock(Path dataFolder, boolean reset) {
        try {
            Files.createDirectories(dataFolder);
            FileChannel channel = FileChannel.open(dataFolder.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                throw new DataFolderBusyException(dataFolder, runningApi(dataFolder));
            }
            if (reset) {
                try (Stream<Path> files = Files.list(dataFolder)) {
                    for (Path file : files.filter(f -> !f.getFileName().toString().equals(".lock")).toList()) {
                        deleteTree(file);
                    }
                }
            }
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The API of the runner holding {@code dataFolder}, as it announced it. */
    static Optional<String> runningApi(Path dataFolder) {
        try {
            JsonNode runner = LocalJson.read(Files.readAllBytes(dataFolder.resolve("runner.json")));
            return Optional.of(runner.path("apiUrl").asText());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    static int requireFree(String what, int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LocalHttp.PortTakenException(what, port);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    @Override
    public void close() {
        processes.values().forEach(FunctionProcess::close);
        for (int i = engines.size() - 1; i >= 0; i--) {
            try {
                engines.get(i).close();
            } catch (Exception e) {
                // stopping: keep closing the others
            }
        }
        try {
            Files.deleteIfExists(dataFolder.resolve("runner.json"));
            lockChannel.close();
        } catch (IOException e) {
            // the lock goes with the process anyway
        }
    }
}
